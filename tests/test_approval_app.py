"""The approval journey in the app (issue 23): an editor uploads, a controller checks with the checklist,
the director approves, and a viewer sees only the approved report unless choosing drafts, which are
always marked."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from portfolio import auth
from tests.exports import dutch_csv

APP = Path(__file__).resolve().parent.parent / "app.py"
MAB = "MAB Flevoland"
NEW_DATE = "2025-03-31"  # the date line of tests.exports.DUTCH_CSV_ROWS


def _user(name: str, **entry) -> dict:
    return {"password_hash": auth.hash_password(f"{name}-wachtwoord", iterations=1_000), **entry}


SECRETS = {
    "sign_in": "builtin",
    "users": {
        "erik": _user("erik", programmes={MAB: "editor"}),
        "carla": _user("carla", programmes={MAB: "controller"}),
        "dirk": _user("dirk", programmes={MAB: "director"}),
        "vera": _user("vera", role="viewer"),
    },
}


def signed_in(name: str, page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["programme"] = MAB
    at.secrets["portfolio"] = SECRETS
    at.run()
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(f"{name}-wachtwoord")
    at.button[0].click().run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def dates(at: AppTest) -> list[str]:
    box = next(s for s in at.sidebar.selectbox if str(s.key).startswith("report_date_"))
    return [str(o) for o in box.options]


def portfolio_date(at: AppTest) -> str:
    """The report date the portfolio page shows for MAB (and back to the overview)."""
    at.switch_page("pages/portfolio.py").run()
    table = at.dataframe[0].value
    at.switch_page("pages/overview.py").run()
    return str(table.loc[table["Programma"] == MAB, "Peildatum"].iloc[0]).split(" · ")[0]  # '15-06-2018 · 8 jaar'...


def warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def test_from_upload_to_the_report_of_record(app_db):
    editor = signed_in("erik", "pages/upload.py")
    editor.file_uploader[0].set_value(("export.csv", dutch_csv(), "text/csv")).run()
    editor.text_input(key="upload_programme").set_value(MAB).run()
    editor.button(key="upload_save").click().run()
    assert editor.success[0].value.startswith("Opgeslagen")
    editor.switch_page("pages/overview.py").run()  # the editor works on drafts: shown, and marked
    assert "CONCEPT" in warnings(editor)

    viewer = signed_in("vera")
    assert not [d for d in dates(viewer) if "2025" in d]  # the draft is not shown by default
    assert "CONCEPT" not in warnings(viewer)
    assert portfolio_date(viewer) == "15-06-2018"  # nor on the portfolio page
    viewer.switch_page("pages/compare.py").run()  # nor among the reports to compare (MAB has one of record)
    assert not [s for s in viewer.selectbox if s.key == "compare_new"]
    viewer.switch_page("pages/overview.py").run()
    viewer.sidebar.toggle(key="show_drafts").set_value(True).run()
    assert dates(viewer)[0] == "31 maart 2025 (concept)"  # listed, and marked in the list as a draft
    box = next(s for s in viewer.sidebar.selectbox if str(s.key).startswith("report_date_"))
    assert "CONCEPT" not in warnings(viewer)  # still on the report chosen before
    box.select(NEW_DATE).run()
    assert "CONCEPT" in warnings(viewer)

    controller = signed_in("carla", "pages/approval.py")
    page = " ".join(e.label for e in controller.expander)
    assert "Afwijkingen van meer dan 5% zonder toelichting" in page  # the checklist's open points, counted
    assert not [b for b in controller.button if b.label == "Goedkeuren"]
    controller.checkbox(key="check_seen").check().run()
    next(b for b in controller.button if b.label == "Markeren als gecontroleerd").click().run()
    assert "Gemarkeerd als gecontroleerd." in [s.value for s in controller.success]
    assert "Gecontroleerd door carla" in warnings(controller)

    director = signed_in("dirk", "pages/approval.py")
    next(b for b in director.button if b.label == "Goedkeuren").click().run()
    assert any(s.value.startswith("Goedgekeurd") for s in director.success)

    viewer = signed_in("vera")
    assert dates(viewer)[0] == "31 maart 2025"  # the newest report of record, no longer a draft
    assert "CONCEPT" not in warnings(viewer)
    assert portfolio_date(viewer) == "31-03-2025"
    import duckdb

    with duckdb.connect(str(app_db)) as con:
        log = con.execute("select actor, action from audit_log order by logged_at").fetchall()
    assert log[-3:] == [("erik", "load"), ("carla", "check"), ("dirk", "approve")]


def test_a_viewer_cannot_take_a_step_by_page_or_by_address(app_db):
    viewer = signed_in("vera", "pages/approval.py")
    labels = [b.label for b in viewer.button]
    assert "Markeren als gecontroleerd" not in labels and "Goedkeuren" not in labels
    assert viewer.table or viewer.dataframe  # the steps are shown to everyone
