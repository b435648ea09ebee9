"""The programme is who it is: 'MAB flevoland' is 'MAB Flevoland', and 'MAB Flevolnd' starts no second
programme unless someone chooses that, on the command line and on the upload page alike."""

from __future__ import annotations

import json
import unicodedata

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio import mapping, names
from tests.exports import DUTCH_CSV_ROWS, dutch_csv
from tests.test_cli import cli
from tests.test_upload_app import upload, upload_page

KNOWN = ["MAB Flevoland", "Uitvoeringsprogramma digitalisering Groningen", "I&A-visie Midden-Groningen 2020-2023"]


# --- the matcher ------------------------------------------------------------------------------------


def test_a_name_written_another_way_is_the_known_programme():
    for typed in (
        "MAB flevoland",
        "MAB  Flevoland",
        " mab-flevoland ",
        "MÁB Flevoland",
        "MAB_FLEVOLAND",
        "MABFlevoland",
    ):
        found = names.match(typed, KNOWN)
        assert (found.kind, found.name) == (names.SAME, "MAB Flevoland"), typed
    assert names.match("I&A visie Midden Groningen 2020 - 2023", KNOWN).name == KNOWN[2]
    assert names.match("MAB Flevoland", KNOWN) == names.NameMatch("MAB Flevoland", names.EXACT, "MAB Flevoland")


def test_a_typo_is_only_suggested_and_an_unrelated_name_is_new():
    typos = (
        "MAB Flevolnd",
        "MAB Flevolaand",
        "Flevoland MAB",
        "Flevoland",
        "Uitvoeringsprogramma digitalisering Groningn",
    )
    for typed in typos:
        found = names.match(typed, KNOWN)
        assert found.kind == names.CLOSE and found.name is None, typed
    assert names.match("MAB Flevolnd", KNOWN).candidates == ("MAB Flevoland",)
    for typed in ("Digitale Agenda", "MAB", "Groningen", "Midden-Groningen"):
        assert names.match(typed, KNOWN).kind == names.NEW, typed


def test_another_number_or_letter_names_another_programme():
    """'Plateau 4' beside 'Plateau 3' is not a typo, however alike the rest is."""
    assert names.match("I&A-visie Midden-Groningen 2024-2027", KNOWN).kind == names.NEW
    assert names.match("Digitale Agenda plateau 4", ["Digitale Agenda plateau 3"]).kind == names.NEW
    assert names.match("Programma B", ["Programma A"]).kind == names.NEW
    assert names.match("Programma  a", ["Programma A"]).kind == names.SAME


def test_programmes_written_alike_make_the_person_choose():
    found = names.match("mab flevoland", ["MAB Flevoland", "MAB-Flevoland"])
    assert found.kind == names.CLOSE and set(found.candidates) == {"MAB Flevoland", "MAB-Flevoland"}


LETTERS = "abcdefghijklm"  # the known names' letters
OTHER_LETTERS = "nopqrstuvwxyz"  # unrelated names share none of them
ACCENTS = ["\u0301", "\u0300", "\u0308", "\u0302", "\u0327"]  # acute, grave, diaeresis, circumflex, cedilla
SEPARATORS = [" ", "  ", "-", " - ", "_", ".", "/", ", ", "\t", ""]


def name_words(letters: str):
    return st.lists(st.text(letters, min_size=1, max_size=9), min_size=1, max_size=4)


@st.composite
def written_another_way(draw, words: list[str]) -> str:
    """The words as a person might type them: any case, any accents, any separators, spaces around."""
    out = [draw(st.sampled_from(["", " ", "  "]))]
    for n, word in enumerate(words):
        if n:
            out.append(draw(st.sampled_from(SEPARATORS)))
        for letter in word:
            out.append(letter.upper() if draw(st.booleans()) else letter)
            if draw(st.integers(0, 3)) == 0:
                out.append(draw(st.sampled_from(ACCENTS)))
    out.append(draw(st.sampled_from(["", " ", "."])))
    typed = "".join(out)
    return unicodedata.normalize("NFC", typed) if draw(st.booleans()) else typed  # 'á' one or two code points


known_names = st.lists(name_words(LETTERS), min_size=1, max_size=5, unique_by=lambda w: "".join(w)).map(
    lambda lists: [" ".join(w).title() for w in lists]
)


@settings(max_examples=300, deadline=None)
@given(st.data(), known_names)
def test_any_case_space_punctuation_or_accent_variant_resolves_to_the_known_name(data, known):
    chosen = data.draw(st.sampled_from(known))
    typed = data.draw(written_another_way(chosen.lower().split()))
    found = names.match(typed, known)
    assert found.kind in (names.EXACT, names.SAME) and found.name == chosen, (typed, found)


@settings(max_examples=300, deadline=None)
@given(st.data(), known_names, name_words(OTHER_LETTERS))
def test_an_unrelated_name_is_new_however_it_is_written(data, known, words):
    typed = data.draw(written_another_way(words))
    assert names.match(typed, known).kind == names.NEW, typed


@settings(max_examples=200, deadline=None)
@given(st.data(), name_words(LETTERS).filter(lambda w: len("".join(w)) >= 7 and any(len(x) > 1 for x in w)))
def test_one_mistyped_letter_in_a_long_name_is_suggested_never_taken(data, words):
    known = " ".join(words).title()
    at = data.draw(st.sampled_from([(n, i) for n, w in enumerate(words) if len(w) > 1 for i in range(len(w))]))
    wrong = [
        w if n != at[0] else w[: at[1]] + data.draw(st.sampled_from(OTHER_LETTERS)) + w[at[1] + 1 :]
        for n, w in enumerate(words)
    ]
    found = names.match(" ".join(wrong), [known])
    assert found.kind == names.CLOSE and found.candidates == (known,), (wrong, found)


# --- the command line ---------------------------------------------------------------------------------


def dated(date: str, rows: list[str] | None = None) -> bytes:
    """The Dutch export, for another report date (so it is another file)."""
    rows = list(rows or DUTCH_CSV_ROWS)
    return dutch_csv([rows[0], f"Stand per: {date};;;;;;", *rows[2:]])


def programmes(path) -> list[tuple[str, str]]:
    with duckdb.connect(str(path)) as con:  # as the app in this process opens it
        return con.execute(
            "select p.name, r.report_date::varchar from reports r join programmes p using (programme_id) order by all"
        ).fetchall()


def test_the_command_line_refuses_a_typo_with_a_suggestion_and_starts_a_new_programme_only_when_asked(tmp_path):
    database = tmp_path / "p.duckdb"
    (tmp_path / "q1.csv").write_bytes(dated("31-03-2025"))
    assert cli(database, "load", str(tmp_path / "q1.csv"), "--programme", "Digitale Agenda").returncode == 0

    (tmp_path / "q2.csv").write_bytes(dated("30-06-2025"))
    typo = cli(database, "load", str(tmp_path / "q2.csv"), "--programme", "Digitale Agnda")
    assert typo.returncode == 2, typo.stderr
    assert "did you mean 'Digitale Agenda'?" in typo.stderr and "--new-programme" in typo.stderr
    assert programmes(database) == [("Digitale Agenda", "2025-03-31")]  # nothing written

    written = cli(database, "load", str(tmp_path / "q2.csv"), "--programme", "dígitale-AGENDA", "--json")
    assert written.returncode == 0, written.stderr
    answer = json.loads(written.stdout)
    assert answer["programme"] == "Digitale Agenda"
    assert [n["key"] for n in answer["notes"]].count("programme_same") == 1
    assert "'dígitale-AGENDA' is taken as the known programme 'Digitale Agenda'" in written.stderr

    (tmp_path / "q3.csv").write_bytes(dated("30-09-2025"))
    new = cli(database, "load", str(tmp_path / "q3.csv"), "--programme", "Digitale Agnda", "--new-programme")
    assert new.returncode == 0, new.stderr
    assert programmes(database) == [
        ("Digitale Agenda", "2025-03-31"),
        ("Digitale Agenda", "2025-06-30"),
        ("Digitale Agnda", "2025-09-30"),
    ]


def test_a_programme_named_in_the_file_itself_is_matched_too(tmp_path):
    database = tmp_path / "p.duckdb"
    header = "Programma;Peildatum;Nr;Omschrijving;Budget;Prognose;Stoplicht"
    (tmp_path / "a.csv").write_text(f"{header}\nMAB Flevoland;15-06-2018;9;Zaaksysteem;475000;560000;rood\n")
    assert cli(database, "load", str(tmp_path / "a.csv")).returncode == 0
    (tmp_path / "b.csv").write_text(
        f"{header}\nMAB Flevolnd;31-12-2018;9;Zaaksysteem;475000;560000;rood\n"
        "mab  flevoland;30-09-2018;9;Zaaksysteem;475000;500000;oranje\n"
    )
    refused = cli(database, "load", str(tmp_path / "b.csv"), "--json")
    assert refused.returncode == 2
    assert [e["key"] for e in json.loads(refused.stdout)["errors"]] == ["programme_close"]
    assert "did you mean 'MAB Flevoland'?" in refused.stderr
    assert programmes(database) == [("MAB Flevoland", "2018-06-15")]

    # two ways of writing one new programme in one file are one programme; for one date, a question
    (tmp_path / "c.csv").write_text(
        f"{header}\nDigitaal Loket;31-03-2025;1;Portaal;1000;1000;groen\n"
        "digitaal  loket;30-06-2025;1;Portaal;1000;1200;oranje\n"
    )
    one = cli(database, "load", str(tmp_path / "c.csv"))
    assert one.returncode == 0, one.stderr
    assert "'digitaal  loket' is taken as the known programme 'Digitaal Loket'" in one.stderr
    assert [p for p in programmes(database) if p[0].lower().startswith("digitaal")] == [
        ("Digitaal Loket", "2025-03-31"),
        ("Digitaal Loket", "2025-06-30"),
    ]
    (tmp_path / "d.csv").write_text(
        f"{header}\nGroen Loket;31-03-2025;1;Portaal;1000;1000;groen\ngroen-loket;31-03-2025;2;App;10;10;groen\n"
    )
    twice = cli(database, "load", str(tmp_path / "d.csv"), "--json")
    assert twice.returncode == 2
    assert [e["key"] for e in json.loads(twice.stdout)["errors"]] == ["programme_twice"]


# --- the upload page ------------------------------------------------------------------------------------


def agenda(path) -> list[tuple[str, str]]:
    """The reports of the programmes this test uploads (the app put the demo beside them)."""
    return [(p, d) for p, d in programmes(path) if p.lower().startswith("digitale")]


@pytest.fixture
def profiles(tmp_path, monkeypatch):
    """Mapping profiles in a folder of this test's own (none found, none left behind)."""
    monkeypatch.setenv(mapping.PROFILES_ENV, str(tmp_path / "profiles"))


def saved(at) -> None:
    at.button(key="upload_save").click().run()
    assert not at.exception


def test_the_upload_page_uses_the_existing_programme_unless_a_new_one_is_chosen(app_db, profiles):
    """A controller saves Q1 as 'Digitale Agenda', then types 'Digitale Agnda' for Q2 and Q3."""
    at = upload(upload_page(), dated("31-03-2025"), name="q1.csv")
    saved(at)

    upload(at, dated("30-06-2025"), name="q2.csv", programme="Digitale Agnda")
    choice = at.radio(key="upload_programme_choice_Digitale Agnda")
    assert choice.value == "Digitale Agenda"  # the existing one, unless chosen otherwise
    assert any("Digitale Agenda" in w.value and "Digitale Agnda" in w.value for w in at.warning)
    assert any("Digitale Agenda" in h.value for h in at.header)  # previewed, and compared, as the known one
    saved(at)
    assert agenda(app_db) == [("Digitale Agenda", "2025-03-31"), ("Digitale Agenda", "2025-06-30")]

    upload(at, dated("30-09-2025"), name="q3.csv", programme="Digitale Agnda")
    at.radio(key="upload_programme_choice_Digitale Agnda").set_value("").run()  # start a new programme
    saved(at)
    assert agenda(app_db)[-1] == ("Digitale Agnda", "2025-09-30")

    upload(at, dated("31-12-2025"), name="q4.csv", programme="digitale  agenda")
    assert not at.main.radio  # the same name written another way: no question, said among the notes
    assert any("'digitale  agenda'" in i.value and "Digitale Agenda" in i.value for i in at.info)
    saved(at)
    assert agenda(app_db) == [
        ("Digitale Agenda", "2025-03-31"),
        ("Digitale Agenda", "2025-06-30"),
        ("Digitale Agenda", "2025-12-31"),
        ("Digitale Agnda", "2025-09-30"),
    ]


def test_the_upload_page_asks_in_dutch_and_in_english(app_db, profiles):
    at = upload(upload_page(), dated("31-03-2025"), name="q1.csv")
    saved(at)
    upload(at, dated("30-06-2025"), name="q2.csv", programme="Digitale Agnda")
    radio = at.radio(key="upload_programme_choice_Digitale Agnda")
    assert radio.label == "Welk programma is 'Digitale Agnda'?"
    assert radio.options == [
        "Het bestaande programma 'Digitale Agenda'",
        "Een nieuw programma 'Digitale Agnda' beginnen",
    ]
    at.sidebar.radio(key="lang").set_value("en").run()
    radio = at.radio(key="upload_programme_choice_Digitale Agnda")
    assert radio.label == "Which programme is 'Digitale Agnda'?"
    assert radio.options == ["The existing programme 'Digitale Agenda'", "Start a new programme named 'Digitale Agnda'"]
    assert any("did you mean 'Digitale Agenda'?" in w.value for w in at.warning)
