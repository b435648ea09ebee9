"""Roles with rights per programme (issue 20, item 7): one place defines them; a shared service's people
see and change only their own programmes, checked by the page and by the URL."""

from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from portfolio import auth, roles
from portfolio.i18n import LANGUAGES, TEXT
from tests.exports import dutch_csv

APP = Path(__file__).resolve().parent.parent / "app.py"
FAST = 1_000
MAB = "MAB Flevoland"
OWO = "OWO Informatiseringsjaarplan (illustratie)"
GRONINGEN = "Uitvoeringsprogramma digitalisering Groningen"
MIDDEN = "I&A-visie Midden-Groningen 2020-2023"


def _user(password: str, **entry) -> dict:
    return {"password_hash": auth.hash_password(password, iterations=FAST), **entry}


SHARED_SERVICE = {
    "portfolio": {
        "sign_in": "builtin",
        "users": {
            # a viewer of one municipality's programmes only (a pattern: every Groningen programme)
            "gerda": _user("gerda-wachtwoord", role="viewer", programmes=["*Groningen*"]),
            # an editor of MAB who may look at every other programme
            "erik": _user("erik-wachtwoord", role="viewer", programmes={MAB: "editor"}),
            # MAB's controller, nothing else
            "carla": _user("carla-wachtwoord", programmes={MAB: "controller"}),
            "beheer": _user("beheer-wachtwoord", role="admin"),
        },
    }
}


# --- one place ----------------------------------------------------------------------------------------


def test_every_role_and_right_is_named_in_both_languages():
    for role in roles.ROLES:
        assert all(TEXT[f"role_{role}"][lang] for lang in LANGUAGES), role
    for right in roles.RIGHTS:
        assert all(TEXT[f"right_{right}"][lang] for lang in LANGUAGES), right
    assert set().union(*roles.ROLE_RIGHTS.values()) == set(roles.RIGHTS)  # no right nobody can have


def test_a_role_added_in_one_place_is_taken_by_the_configuration(monkeypatch):
    monkeypatch.setitem(roles.ROLE_RIGHTS, "auditor", frozenset({roles.VIEW, roles.VIEW_DRAFTS}))
    monkeypatch.setattr(roles, "ROLES", tuple(roles.ROLE_RIGHTS))
    grants = roles.parse_grants({"role": "auditor"}, "user x")
    assert grants.may(roles.VIEW_DRAFTS, MAB) and not grants.may(roles.UPLOAD, MAB)


def test_the_configuration_forms_and_their_mistakes():
    assert roles.parse_grants({}, "x") == roles.Grants(elsewhere=roles.VIEWER)  # as before: a viewer
    listed = roles.parse_grants({"role": "editor", "programmes": ["A", "B*"]}, "x")
    assert listed.role_in("A") == listed.role_in("B-2") == roles.EDITOR and listed.role_in("C") is None
    table = roles.parse_grants({"role": "viewer", "programmes": {"A": "director"}}, "x")
    assert table.role_in("a") == roles.DIRECTOR and table.role_in("Z") == roles.VIEWER
    with pytest.raises(ValueError, match="user x.*'boss'"):
        roles.parse_grants({"role": "boss"}, "user x")
    with pytest.raises(ValueError, match="programme 'A'"):
        roles.parse_grants({"programmes": {"A": "boss"}}, "user x")
    with pytest.raises(ValueError, match="needs a role"):
        roles.parse_grants({"programmes": ["A"]}, "user x")
    with pytest.raises(auth.AuthConfigError, match="user y"):
        auth.load_config({"portfolio": {"sign_in": "builtin", "users": {"y": _user("p", role="boss")}}})


def test_oidc_people_get_roles_per_programme_beside_the_old_lists():
    config = auth.load_config(
        {
            "auth": {"client_id": "id"},
            "portfolio": {
                "sign_in": "oidc",
                "uploaders": ["beheer@provincie.nl"],
                "viewers": ["*"],
                "people": {"Directeur@Gemeente-A.nl": {"programmes": {"Gemeente A*": "director"}}},
            },
        }
    )
    director = config.grants_for("directeur@gemeente-a.nl")
    assert director.may(roles.APPROVE, "Gemeente A Digitaal") and director.role_in(MAB) is None
    assert config.grants_for("beheer@provincie.nl").may(roles.SET_RULES, MAB)
    assert config.grants_for("iemand@elders.nl").role_in(MAB) == roles.VIEWER


NAMES = st.text(alphabet="ABCabc -*?", min_size=1, max_size=6)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    pairs=st.lists(st.tuples(NAMES, st.sampled_from(roles.ROLES)), max_size=4),
    elsewhere=st.one_of(st.none(), st.sampled_from(roles.ROLES)),
    programmes=st.lists(st.text(alphabet="ABCabc -", min_size=1, max_size=6), max_size=6),
    right=st.sampled_from(roles.RIGHTS),
)
def test_a_right_is_exactly_what_the_role_held_in_that_programme_gives(pairs, elsewhere, programmes, right):
    grants = roles.Grants(per_programme=tuple(pairs), elsewhere=elsewhere)
    for name in programmes:
        role = grants.role_in(name)
        assert grants.may(right, name) == (role is not None and right in roles.ROLE_RIGHTS[role])
        # programme names are matched regardless of case and spaces, as people write them
        exact = [r for n, r in pairs if " ".join(n.split()).casefold() == " ".join(name.split()).casefold()]
        if exact:  # a name written out wins over any pattern, and over 'elsewhere'
            assert role == exact[0]
        elif not pairs:
            assert role == elsewhere
    visible = grants.visible(programmes)
    assert visible == [p for p in programmes if grants.may(roles.VIEW, p)]  # order kept, nothing added
    if any(grants.may(right, p) for p in programmes):
        assert grants.may_somewhere(right)


# --- in the app, by the page and by the URL ----------------------------------------------------------


def app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (query or {"programme": ""}).items():
        at.query_params[key] = value
    at.secrets["portfolio"] = SHARED_SERVICE["portfolio"]
    return at.run()


def sign_in(at: AppTest, name: str) -> AppTest:
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(f"{name}-wachtwoord")
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def programme_choices(at: AppTest) -> list[str]:
    return list(at.sidebar.selectbox(key="programme").options)


def test_the_sign_in_screen_says_which_role_may_do_what(app_db):
    at = app()
    table = at.table[0].value
    assert list(table.columns)[0] == "Recht" and "controller" in table.columns
    rows = dict(zip(table["Recht"], table["programmadirecteur"]))
    assert rows["een gecontroleerde rapportage goedkeuren"] == "✓"
    assert rows["een export uploaden (een nieuw concept)"] == "–"


def test_a_municipality_viewer_sees_only_its_programmes_on_every_page(app_db):
    at = sign_in(app(), "gerda")
    assert sorted(programme_choices(at)) == sorted([GRONINGEN, MIDDEN])
    at.switch_page("pages/portfolio.py").run()
    shown = at.dataframe[0].value
    assert sorted(shown["Programma"]) == sorted([GRONINGEN, MIDDEN])
    at.switch_page("pages/history.py").run()
    assert set(at.dataframe[0].value["Programma"]) == {GRONINGEN, MIDDEN}
    audit = at.dataframe[-1].value  # the change log, the page's last table
    assert not audit.empty and all(r.split(" · ")[0] in (GRONINGEN, MIDDEN) for r in audit["Rapportage"])
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/upload.py")


def test_a_link_to_another_municipality_shows_nothing_of_it(app_db):
    at = app({"programme": MAB})
    sign_in(at, "gerda")
    page = " ".join(m.value for m in at.markdown)
    assert MAB not in programme_choices(at)
    assert "staat niet tussen de programma's die u kunt zien" in " ".join(w.value for w in at.warning)
    assert f"**{MAB}**" not in page.split("De link vraagt")[0]  # the header names a programme of hers


def test_an_editor_loads_into_the_programme_of_the_role_and_not_into_another(app_db):
    at = sign_in(app(), "erik")
    at.switch_page("pages/upload.py").run()
    with duckdb.connect(str(app_db)) as con:
        before = con.execute("select count(*), sum(budget) from stories").fetchall()
    at.file_uploader[0].set_value(("export.csv", dutch_csv(), "text/csv")).run()
    at.text_input(key="upload_programme").set_value("Digitale Agenda").run()
    refusal = " ".join(e.value for e in at.error)
    assert "een export uploaden (een nieuw concept)" in refusal and "Digitale Agenda" in refusal
    assert at.button(key="upload_save").disabled
    crafted = at.button(key="upload_save")
    crafted.proto.disabled = False  # clicked anyway (a crafted message): the page checks again; nothing saved
    crafted.click().run()
    with duckdb.connect(str(app_db)) as con:
        assert con.execute("select count(*), sum(budget) from stories").fetchall() == before
    at.text_input(key="upload_programme").set_value(MAB).run()
    at.date_input(key="upload_date").set_value("2019-01-15").run()
    assert not at.button(key="upload_save").disabled
    at.button(key="upload_save").click().run()
    assert at.success[0].value.startswith("Opgeslagen")


def test_a_controller_manages_the_versions_of_its_programme_only(app_db):
    at = sign_in(app({"programme": MAB}), "carla")
    assert programme_choices(at) == [MAB]
    at.switch_page("pages/history.py").run()
    assert at.button(key="history_delete")  # MAB's controller may delete MAB's versions
    at.switch_page("pages/rules.py").run()
    assert not at.button[0].disabled  # MAB's own rules: hers to set
    at.radio(key="rules_scope").set_value("").run()  # the default for every programme: not hers
    assert at.button[0].disabled
    assert "alle programma's" in " ".join(c.value for c in at.caption)
    other = sign_in(app({"programme": MAB}), "erik")  # an editor: may upload, not delete
    other.switch_page("pages/history.py").run()
    assert not [b for b in other.button if b.key == "history_delete"]
    assert "versies terugzetten of verwijderen" in " ".join(c.value for c in other.caption)


def test_two_entries_for_one_programme_with_two_roles_are_refused_naming_both():
    """'MAB Flevoland' and 'mab flevoland ' are one programme: two roles for it would leave which one holds
    to chance, so the configuration is refused, naming the person and both entries."""
    with pytest.raises(ValueError, match=r"carla.*'MAB Flevoland'.*'mab flevoland '.*controller.*viewer"):
        roles.parse_grants({"programmes": {"MAB Flevoland": "controller", "mab flevoland ": "viewer"}}, "carla")
    same = roles.parse_grants({"programmes": {"MAB Flevoland": "editor", "MAB  Flevoland": "editor"}}, "erik")
    assert same.role_in("mab flevoland") == roles.EDITOR
