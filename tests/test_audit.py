"""The change log as users read it: details written by ingest and manage, in the user's language."""

from hypothesis import given
from hypothesis import strategies as st

from portfolio import audit, db, demo, manage
from portfolio.i18n import t


def test_every_detail_the_app_writes_reads_in_both_languages_without_report_ids():
    con = db.connect(":memory:")
    demo.load_demo_if_empty(con)
    history = manage.history(con, include_versions=True)
    mab = history[history["programme"] == "MAB Flevoland"].iloc[0]
    # a second version of the MAB report, then the first made current again, then the report deleted
    from portfolio import ingest
    from tests.exports import dutch_csv

    rows = ["Programma;Peildatum;Nr;Omschrijving;Budget", "MAB Flevoland;15-06-2018;1;Een;100"]
    ingest.load_file(con, dutch_csv(rows), "again.csv", loaded_by="tester", replace=True)
    manage.restore(con, int(mab["report_id"]), actor="tester")
    manage.delete(con, int(mab["report_id"]), actor="tester")
    log = db.query(con, "audit_log", limit=100)
    for lang, words in (("nl", ("rijen", "versie", "verwijderd")), ("en", ("rows", "version", "deleted"))):
        details = {a: audit.detail(a, d, lang) for a, d in zip(log["action"], log["detail"]) if a != "load"}
        assert details["replace"] == ("again.csv (1 rij)" if lang == "nl" else "again.csv (1 row)")
        assert details["restore"].startswith(f"{words[1]} 1 ")
        assert details["delete"] == f"2 {words[1]}(s) {words[2]}"
        labels = [audit.report_label(e, lang) for e in log.to_dict("records")]
        # the deleted report is still named by programme and date, never by its id
        expected_date = "15 juni 2018" if lang == "nl" else "15 June 2018"
        assert labels[0] == f"MAB Flevoland · {expected_date}"
        assert all(label and not label.isdigit() for label in labels)
        gone = "(rapportage verwijderd)" if lang == "nl" else "(report deleted)"
        assert labels[-1] != gone  # a report still there is named by what it is
        assert labels.count(gone) == 2  # the deleted report's two loads
    assert audit.detail("rules", "overrun_red=0.15", "nl") == "overrun_red=0.15"  # shown as stored
    assert audit.detail("load", None, "nl") == ""


@given(
    scope=st.sampled_from(["report", "line", "track", "story"]),
    subject=st.text(alphabet="AZaz09 &-.:", min_size=1, max_size=12).map(str.strip).filter(bool),
    picked=st.data(),
)
def test_written_narrative_is_said_in_the_readers_language(scope, subject, picked):
    """What portfolio/narrative.py records ('story 2: approach, next_step') reads in Dutch with the
    Toelichting page's labels, never with the stored English names."""
    from portfolio import narrative

    fields = picked.draw(st.lists(st.sampled_from(narrative.FIELDS[scope]), min_size=1, unique=True))
    where = scope if scope == "report" else f"{scope} {subject}"
    said = audit.detail("narrative", f"{where}: {', '.join(fields)}", "nl")
    for name in fields:
        assert t(f"nar_{name}", "nl") in said
        assert f" {name}" not in said.replace(subject, "")
    if scope != "report":
        assert subject in said
