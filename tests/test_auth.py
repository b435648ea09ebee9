"""Who may see and who may change: built-in sign-in and OpenID Connect roles, checked as users meet them."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from portfolio import auth, roles
from tests.exports import dutch_csv

APP = Path(__file__).resolve().parent.parent / "app.py"
FAST = 1_000  # iterations for test hashes only; the app's own default is auth.HASH_ITERATIONS
VIEWER_HASH = auth.hash_password("kijker-wachtwoord", iterations=FAST)
UPLOADER_HASH = auth.hash_password("uploader-wachtwoord", iterations=FAST)
BUILTIN = {
    "portfolio": {
        "sign_in": "builtin",
        "users": {
            "anna": {"password_hash": VIEWER_HASH, "role": "viewer"},
            "bert": {"password_hash": UPLOADER_HASH, "role": "uploader"},
        },
    }
}
OIDC = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "id",
        "client_secret": "secret",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    },
    "portfolio": {"sign_in": "oidc", "uploaders": ["Controller@Provincie.nl"], "viewers": ["*"]},
}


def app(secrets: dict, user: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["programme"] = ""  # the overview, whose figures are checked (the portfolio page comes first)
    for key, value in secrets.items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    return at.run()


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click().run()
    return at


# --- configuration ----------------------------------------------------------------------------------


def test_without_configuration_the_app_is_open_and_says_so():
    assert auth.load_config({}).mode == auth.OPEN
    assert auth.load_config({}).grants_for(None).may(roles.SET_RULES, "MAB Flevoland")


def test_plain_text_passwords_and_unknown_roles_are_refused():
    with pytest.raises(auth.AuthConfigError, match="plain-text"):
        auth.load_config(
            {"portfolio": {"sign_in": "builtin", "users": {"x": {"password": "geheim", "role": "viewer"}}}}
        )
    with pytest.raises(auth.AuthConfigError, match="role"):
        auth.load_config(
            {"portfolio": {"sign_in": "builtin", "users": {"x": {"password_hash": VIEWER_HASH, "role": "baas"}}}}
        )
    with pytest.raises(auth.AuthConfigError, match=r"\[auth\]"):
        auth.load_config({"portfolio": {"sign_in": "oidc"}})


def test_passwords_are_hashed_with_a_salt_and_checked_in_constant_time():
    first, second = auth.hash_password("hetzelfde-wachtwoord"), auth.hash_password("hetzelfde-wachtwoord")
    assert first != second and first.startswith("pbkdf2_sha256$600000$")
    assert auth.verify_password("hetzelfde-wachtwoord", first)
    assert not auth.verify_password("ander-wachtwoord", first)
    config = auth.load_config(BUILTIN)
    assert auth.check_login(config, "bert", "uploader-wachtwoord").role_in(None) == auth.UPLOADER
    assert auth.check_login(config, "bert", "fout") is None
    assert auth.check_login(config, "niemand", "uploader-wachtwoord") is None


def test_oidc_roles_by_e_mail_address():
    config = auth.load_config(OIDC)
    assert config.grants_for("controller@provincie.nl").role_in("MAB Flevoland") == auth.UPLOADER
    assert config.grants_for("iemand@elders.nl").role_in("MAB Flevoland") == auth.VIEWER
    closed = auth.load_config({**OIDC, "portfolio": {**OIDC["portfolio"], "viewers": ["directeur@provincie.nl"]}})
    assert closed.grants_for("iemand@elders.nl") is None


# --- in the app ---------------------------------------------------------------------------------------


def test_built_in_sign_in_shows_no_data_before_signing_in(app_db):
    at = app(BUILTIN)
    assert not at.exception
    assert not at.metric  # no figures for a stranger
    sign_in(at, "anna", "fout-wachtwoord")
    assert at.error[0].value == "Onbekende gebruikersnaam of verkeerd wachtwoord."
    assert not at.metric


def test_a_viewer_sees_data_but_cannot_upload_restore_delete_or_set_rules(app_db):
    at = sign_in(app(BUILTIN), "anna", "kijker-wachtwoord")
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Budget"] == "€ 2.315k"
    assert any("Aangemeld als anna (kijker)" in c.value for c in at.sidebar.caption)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/upload.py")  # the upload page is not offered to a viewer at all
    at.switch_page("pages/history.py").run()
    assert not [b for b in at.button if b.key in ("history_restore", "history_delete")]
    at.switch_page("pages/rules.py").run()
    assert at.button[0].disabled  # the rules form's save button


def test_an_uploader_can_upload_and_is_recorded_as_the_one_who_did(app_db):
    at = sign_in(app(BUILTIN), "bert", "uploader-wachtwoord")
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].set_value(("export.csv", dutch_csv(), "text/csv")).run()
    at.text_input(key="upload_programme").set_value("Digitale Agenda").run()
    at.button(key="upload_save").click().run()
    assert at.success[0].value.startswith("Opgeslagen")
    import duckdb

    with duckdb.connect(str(app_db)) as con:
        assert con.execute("select loaded_by from reports where source_file = 'export.csv'").fetchall() == [("bert",)]
        assert ("bert", "load") in con.execute("select actor, action from audit_log").fetchall()


def test_five_failed_attempts_lock_the_form_for_a_while(app_db):
    at = app(BUILTIN)
    for _ in range(5):
        sign_in(at, "bert", "fout")
    sign_in(at, "bert", "uploader-wachtwoord")  # even the right password waits out the lock
    assert "Te veel mislukte pogingen" in at.error[0].value
    assert not at.metric


def test_oidc_signed_out_sees_a_sign_in_button_only(app_db):
    at = app(OIDC, {"is_logged_in": False})
    assert not at.exception
    assert not at.metric
    assert at.button(key="sign_in_oidc").label == "Aanmelden"


def test_oidc_viewer_and_uploader(app_db):
    viewer = app(OIDC, {"is_logged_in": True, "email": "iemand@elders.nl"})
    assert {m.label: m.value for m in viewer.metric}["Budget"] == "€ 2.315k"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        viewer.switch_page("pages/upload.py")
    uploader = app(OIDC, {"is_logged_in": True, "email": "controller@provincie.nl"})
    uploader.switch_page("pages/upload.py").run()
    assert not uploader.error and uploader.file_uploader


def test_oidc_someone_not_on_the_list_sees_nothing(app_db):
    closed = {**OIDC, "portfolio": {**OIDC["portfolio"], "viewers": ["directeur@provincie.nl"]}}
    at = app(closed, {"is_logged_in": True, "email": "iemand@elders.nl"})
    assert not at.metric
    assert "heeft geen toegang" in at.error[0].value


# --- against guessing, floods and borrowed sessions (portfolio/signin.py, tests/test_signin.py) ---------


def test_a_lockout_survives_a_new_browser_session(app_db):
    first = app(BUILTIN)
    for n in range(5):
        sign_in(first, "bert", f"gok-{n}")
    assert first.error[-1].value == "Te veel mislukte pogingen; probeer het over 30 seconden opnieuw."
    second = app(BUILTIN)  # reconnecting gives a new session, which used to start from zero
    sign_in(second, "bert", "uploader-wachtwoord")
    assert [e.value for e in second.error] == ["Te veel mislukte pogingen; probeer het over 30 seconden opnieuw."]
    assert not second.metric
    sign_in(second, "anna", "kijker-wachtwoord")  # another name from the same client still gets in
    assert second.metric


def test_a_signed_in_session_continued_from_another_address_or_browser_is_signed_out(app_db, monkeypatch):
    """AppTest cannot set st.context's address or headers: the function reading them is replaced."""
    from pages._ui import access

    seen = {"client": ("198.51.100.7", "Mozilla/5.0 Firefox/140.0")}
    monkeypatch.setattr(access, "_request_client", lambda config: seen["client"])
    at = sign_in(app(BUILTIN), "anna", "kijker-wachtwoord")
    assert at.metric
    assert at.run().metric  # the same client stays signed in
    seen["client"] = ("203.0.113.9", "Mozilla/5.0 Firefox/140.0")  # the session id used from elsewhere
    at.run()
    assert not at.metric
    assert at.warning[0].value.startswith("U bent afgemeld: deze sessie ging verder vanaf een ander adres")
    assert sign_in(at, "anna", "kijker-wachtwoord").metric  # signing in again there is fine
    seen["client"] = ("203.0.113.9", "Mozilla/5.0 Chrome/138.0")  # same address, another browser
    assert not at.run().metric


def test_signing_in_on_a_database_file_that_cannot_be_used_says_so_without_a_traceback(app_db):
    app_db.write_bytes(b"this is not a DuckDB file" * 100)
    at = app(BUILTIN)
    sign_in(at, "anna", "kijker-wachtwoord")
    assert not at.exception
    assert at.error and not at.metric
    assert str(app_db) not in at.error[0].value  # no server paths on the page


def test_guessing_a_name_from_one_address_keeps_the_user_in_elsewhere_and_an_uploader_is_told(app_db, monkeypatch):
    """Someone guesses anna's password from a few addresses; anna signs in from her own, and the sidebar of
    an uploader (not of a viewer) says the name is being guessed."""
    from pages._ui import access

    seen = {"client": ("203.0.113.0", "curl/8")}
    monkeypatch.setattr(access, "_request_client", lambda config: seen["client"])
    guesser = app(BUILTIN)
    for n in range(10):
        seen["client"] = (f"203.0.113.{n // 5}", "curl/8")
        sign_in(guesser, "anna", f"gok-{n}")
    sign_in(guesser, "anna", "kijker-wachtwoord")
    assert "Te veel mislukte pogingen" in guesser.error[-1].value  # the guesser's address waits
    assert not guesser.metric
    seen["client"] = ("198.51.100.7", "Mozilla/5.0 Firefox/140.0")
    anna = sign_in(app(BUILTIN), "anna", "kijker-wachtwoord")
    assert anna.metric  # not locked out by the guessing elsewhere
    assert not [w for w in anna.sidebar.warning if "wordt geraden" in w.value]  # a viewer is not told
    bert = sign_in(app(BUILTIN), "bert", "uploader-wachtwoord")
    told = [w.value for w in bert.sidebar.warning if "wordt geraden" in w.value]
    assert told and told[0].startswith("Gebruikersnaam anna wordt geraden: 10 mislukte aanmeldpogingen")
    bert.switch_page("pages/history.py").run()  # the change log lists it
    assert not bert.exception
    assert "gebruikersnaam wordt geraden" in bert.dataframe[-1].value.to_string()


def test_a_copied_session_id_from_the_same_address_and_browser_is_not_signed_in(app_db, monkeypatch):
    """AppTest has no websocket: the connection a run comes over and the cookies it sent are replaced.
    The browser that signed in keeps its sign-in over that connection and, with its session cookie, over
    a new one; another client with the same address and User-Agent and the copied id alone does not."""
    from pages._ui import access, cookies

    class Connection:
        pass

    now = {"connection": Connection(), "cookies": {}}
    monkeypatch.setattr(access, "_connection", lambda: now["connection"])
    monkeypatch.setattr(access, "_request_cookie", lambda name: now["cookies"].get(name))
    monkeypatch.setattr(access, "_request_client", lambda config: ("198.51.100.7", "Mozilla/5.0 Firefox/140.0"))
    at = sign_in(app(BUILTIN), "anna", "kijker-wachtwoord")
    assert at.metric and at.run().metric  # the connection it signed in on
    given = {c.name: c.value for c in cookies.take(at.session_state["_cookie_ticket"])}
    assert set(given) == {"portfolio_device", "portfolio_session"}
    now["connection"], now["cookies"] = Connection(), dict(given)  # its own reconnect, sending the cookies
    assert at.run().metric
    now["connection"], now["cookies"] = Connection(), {"portfolio_device": given["portfolio_device"]}
    at.run()  # the copied session id from another client: same address and browser, no session cookie
    assert not at.metric
    assert at.warning[0].value.startswith("U bent afgemeld")
    now["cookies"] = {"portfolio_session": "geraden"}
    assert not sign_in(at, "anna", "fout").metric
