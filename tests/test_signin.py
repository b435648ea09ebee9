"""Built-in sign-in against guessing and floods (portfolio/signin.py): counts in the database, growing
delays on an injected clock, a per-client limit, no hashing while refused, one hash at a time, the same
work for unknown names, and the client behind a proxy. PBKDF2 runs are counted, never timed."""

from __future__ import annotations

import hashlib
import threading
from contextlib import closing, nullcontext

import pytest

from portfolio import auth, db, signin

FAST = 1_000
CONFIG = auth.load_config(
    {
        "portfolio": {
            "sign_in": "builtin",
            "users": {
                "anna": {"password_hash": auth.hash_password("kijker-wachtwoord", iterations=FAST), "role": "viewer"},
                "bert": {
                    "password_hash": auth.hash_password("uploader-wachtwoord", iterations=FAST),
                    "role": "uploader",
                },
            },
        }
    }
)
HOME = signin.Client("198.51.100.7", "Firefox")


class Clock:
    def __init__(self, now: float = 1_750_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def pbkdf2_calls(monkeypatch):
    """Every PBKDF2 run as (password, iterations); the real function still runs."""
    calls: list[tuple[bytes, int]] = []
    real = hashlib.pbkdf2_hmac

    def counting(name, password, salt, iterations, *args):
        calls.append((password, iterations))
        return real(name, password, salt, iterations, *args)

    monkeypatch.setattr(auth.hashlib, "pbkdf2_hmac", counting)
    return calls


def guard(con, clock, **policy):
    """attempt() on this database with this clock; policy fields override the defaults."""
    chosen = signin.Policy(**policy)

    def attempt(name, password, client=HOME):
        return signin.attempt(lambda: nullcontext(con), CONFIG, name, password, client, policy=chosen, clock=clock)

    return attempt


def other_client(n: int) -> signin.Client:
    return signin.Client(f"203.0.113.{n}", "Firefox")


def test_failures_of_a_name_from_one_client_wait_longer_and_longer_and_nothing_is_hashed_while_locked(
    con, pbkdf2_calls
):
    clock = Clock()
    attempt = guard(con, clock)
    for n in range(4):
        assert attempt("bert", f"gok-{n}") == signin.Outcome(signin.FAILED)
    fifth = attempt("bert", "gok-4")
    assert fifth == signin.Outcome(signin.FAILED, wait=30)  # the fifth failure says how long to wait
    hashed = len(pbkdf2_calls)
    assert hashed == 5
    locked = attempt("bert", "uploader-wachtwoord")  # even the right password waits, from this client
    assert locked == signin.Outcome(signin.LOCKED, wait=30)
    assert len(pbkdf2_calls) == hashed  # refused without hashing
    clock.advance(29)
    assert attempt("bert", "uploader-wachtwoord") == signin.Outcome(signin.LOCKED, wait=1)
    waits = []
    for n in range(7, 14):
        clock.advance(waits[-1] if waits else 1)
        outcome = attempt("bert", f"gok-{n}")
        assert outcome.reason == signin.FAILED
        waits.append(outcome.wait)
    assert waits == [60, 120, 240, 480, 900, 900, 900]  # doubling, capped at 15 minutes
    assert len(pbkdf2_calls) == hashed + 7
    clock.advance(900)
    assert attempt("bert", "uploader-wachtwoord").signed_in
    for n in range(4):  # the success cleared the name's count from this client (another client: own count)
        assert attempt("bert", f"weer-{n}", other_client(30)).wait == 0
    assert attempt("anna", "kijker-wachtwoord", other_client(40)).signed_in  # another name was never locked


def test_an_attacker_at_one_address_is_slowed_but_does_not_keep_the_user_out_from_another(con, pbkdf2_calls):
    """Guessing 'anna' from address A locks 'anna' for A only: anna signs in from B at once."""
    clock = Clock()
    attempt = guard(con, clock)
    attacker = other_client(66)
    started = clock.now
    for n in range(5):
        attempt("anna", f"gok-{n}", attacker)
    for n in range(20):  # one guess each time the wait runs out
        outcome = attempt("anna", f"gok-{n}", attacker)
        if outcome.reason == signin.LOCKED:
            clock.advance(outcome.wait)
    assert attempt("anna", "raden", attacker).reason in (signin.FAILED, signin.LOCKED)
    slowed = attempt("anna", "nog-een", attacker)
    assert slowed.reason == signin.LOCKED and slowed.wait >= 30  # still slowed, and more the longer it goes on
    assert len(pbkdf2_calls) <= 16  # 5 free guesses, then one per wait: 27 tries, not 27 password checks
    assert clock.now - started > 3600  # ten guesses after the free five took the attacker over an hour
    assert attempt("anna", "kijker-wachtwoord", HOME).signed_in  # the real user, from her own address
    assert attempt("anna", "kijker-wachtwoord", attacker).reason == signin.LOCKED  # the attacker's address waits


def test_a_name_guessed_from_many_addresses_slows_unknown_clients_but_not_a_browser_that_signed_in_before(con):
    """Past name_free failures from everywhere, every unknown client waits; anna's own browser (its device
    token from an earlier sign-in) does not, also from the attacker's shared address (one office NAT)."""
    clock = Clock()
    attempt = guard(con, clock)
    device = attempt("anna", "kijker-wachtwoord").device
    assert device and len(device) >= 40
    office = other_client(200)  # the address an attacker inside the office shares with anna
    for n in range(signin.POLICY.name_free):
        assert attempt("anna", f"gok-{n}", office if n < 4 else other_client(n)).reason == signin.FAILED
        clock.advance(7)
    stranger = signin.Client("192.0.2.44", "Firefox")  # never failed: held by the name's count everywhere
    assert guard(con, clock)("anna", "kijker-wachtwoord", stranger).reason == signin.LOCKED
    own = signin.attempt(
        lambda: nullcontext(con), CONFIG, "anna", "kijker-wachtwoord", office, device=device, clock=clock
    )
    assert own.signed_in and own.device == device  # the trusted browser keeps its token
    forged = signin.attempt(
        lambda: nullcontext(con), CONFIG, "anna", "kijker-wachtwoord", stranger, device="bedacht", clock=clock
    )
    assert forged.reason == signin.LOCKED  # a made-up token is no trusted browser
    tokens = " ".join(str(v) for row in con.execute("select * from sign_in_devices").fetchall() for v in row)
    assert device not in tokens  # the database keeps digests only


def test_a_trusted_browser_that_fails_is_locked_on_its_own_count(con):
    clock = Clock()
    attempt = guard(con, clock)
    device = attempt("anna", "kijker-wachtwoord").device

    def from_device(password):
        return signin.attempt(
            lambda: nullcontext(con), CONFIG, "anna", password, other_client(9), device=device, clock=clock
        )

    outcomes = [from_device(f"gok-{n}") for n in range(5)]
    assert outcomes[-1] == signin.Outcome(signin.FAILED, wait=30)
    assert from_device("kijker-wachtwoord").reason == signin.LOCKED
    assert attempt("anna", "kijker-wachtwoord", other_client(10)).signed_in  # its failures lock only itself


def test_an_admin_is_told_when_a_user_name_is_under_attack(con):
    clock = Clock()
    attempt = guard(con, clock)
    for n in range(signin.POLICY.notice_at - 1):
        attempt("anna", f"gok-{n}", other_client(n))
        attempt("niemand", f"gok-{n}", other_client(n))  # a name nobody has is never written out
    assert signin.alarms(con) == []
    attempt("anna", "nog-een", other_client(99))
    assert signin.alarms(con) == [("anna", signin.POLICY.notice_at)]
    logged = con.execute("select actor, action, detail from audit_log").fetchall()
    assert logged == [(None, "sign_in_attack", "anna: 10 failed sign-ins")]


def test_the_counts_live_in_the_database_so_another_connection_or_process_sees_them(tmp_path):
    path = tmp_path / "shared.duckdb"
    clock = Clock()
    first = db.connect(path)
    for n in range(5):
        guard(first, clock)("anna", f"gok-{n}")
    first.close()
    second = db.connect(path)  # a new session, a reconnect or another app process
    assert guard(second, clock)("anna", "kijker-wachtwoord") == signin.Outcome(signin.LOCKED, wait=30)
    second.close()


def test_a_client_gets_a_limited_number_of_password_checks_per_minute(con, pbkdf2_calls):
    clock = Clock()
    attempt = guard(con, clock)
    for _ in range(10):  # right passwords: only the rate counts here
        assert attempt("anna", "kijker-wachtwoord").signed_in
        clock.advance(1)
    refused = attempt("anna", "kijker-wachtwoord")
    assert refused == signin.Outcome(signin.TOO_FAST, wait=50)  # the first of the ten leaves the window in 50 s
    assert len(pbkdf2_calls) == 10
    assert attempt("bert", "uploader-wachtwoord", other_client(1)).signed_in  # other clients go on
    clock.advance(50)
    assert attempt("anna", "kijker-wachtwoord").signed_in


def test_one_client_guessing_across_names_is_locked_as_a_client(con, pbkdf2_calls):
    clock = Clock()
    attempt = guard(con, clock, per_minute=100)
    for n in range(10):
        assert attempt(f"naam-{n}", "welkom01").reason == signin.FAILED
    assert attempt("anna", "kijker-wachtwoord") == signin.Outcome(signin.LOCKED, wait=30)
    assert len(pbkdf2_calls) == 10
    assert attempt("anna", "kijker-wachtwoord", other_client(1)).signed_in  # the name itself is not locked


def test_a_clock_set_back_never_waits_longer_than_the_cap(con):
    clock = Clock()
    attempt = guard(con, clock)
    for n in range(5):
        attempt("bert", f"gok-{n}")
    clock.advance(-10 * 24 * 3600)
    outcome = attempt("bert", "uploader-wachtwoord")
    assert outcome.reason == signin.LOCKED and outcome.wait <= 900


def test_unknown_and_known_names_run_pbkdf2_the_same_number_of_times_with_the_same_iterations(con, pbkdf2_calls):
    for name, password in [("bert", "fout"), ("bert", "uploader-wachtwoord"), ("niemand", "fout"), ("", "")]:
        pbkdf2_calls.clear()
        auth.check_login(CONFIG, name, password)
        assert [iterations for _, iterations in pbkdf2_calls] == [FAST], name
    clock = Clock()
    attempt = guard(con, clock)
    pbkdf2_calls.clear()
    attempt("bert", "fout", other_client(1))
    attempt("niemand", "fout", other_client(2))
    assert len(pbkdf2_calls) == 2
    rows = con.execute("select failures from sign_in_failures order by failures").fetchall()
    assert rows == [(1,)] * 6  # the name from the client, the client and the name everywhere, alike for both
    written = " ".join(str(v) for row in con.execute("select * from sign_in_failures").fetchall() for v in row)
    assert "niemand" not in written and "bert" not in written  # names are stored as digests


def test_one_password_is_hashed_at_a_time_and_a_flood_is_told_to_try_again(con, monkeypatch):
    """While one attempt hashes, another gets BUSY without hashing: a flood takes at most one core."""
    entered, release = threading.Event(), threading.Event()
    calls = []
    real = hashlib.pbkdf2_hmac

    def held(name, password, salt, iterations, *args):
        calls.append(password)
        if password == b"eerste":
            entered.set()
            release.wait(30)
        return real(name, password, salt, iterations, *args)

    monkeypatch.setattr(auth.hashlib, "pbkdf2_hmac", held)
    clock = Clock()
    cursors = lambda: closing(con.cursor())  # noqa: E731  one database for both threads, a cursor each
    policy = signin.Policy(hashing_wait=0)
    results = {}

    def first():
        results["first"] = signin.attempt(cursors, CONFIG, "anna", "eerste", HOME, policy=policy, clock=clock)

    worker = threading.Thread(target=first)
    worker.start()
    assert entered.wait(30)
    busy = signin.attempt(cursors, CONFIG, "bert", "uploader-wachtwoord", other_client(1), policy=policy, clock=clock)
    assert busy.reason == signin.BUSY and busy.wait >= 1
    assert calls == [b"eerste"]  # the second attempt never hashed
    release.set()
    worker.join(30)
    assert results["first"].reason == signin.FAILED
    assert signin.attempt(
        cursors, CONFIG, "bert", "uploader-wachtwoord", other_client(1), policy=policy, clock=clock
    ).signed_in


@pytest.mark.parametrize(
    ("peer", "forwarded", "proxies", "address"),
    [
        ("198.51.100.7", ["6.6.6.6"], [], "198.51.100.7"),  # no trusted proxy: the header is not believed
        ("10.0.0.5", ["6.6.6.6, 198.51.100.7"], ["10.0.0.5"], "198.51.100.7"),  # the left part is the client's own
        ("10.0.0.5", ["198.51.100.7, 10.0.0.6"], ["10.0.0.0/24"], "198.51.100.7"),  # two proxies in a row
        ("10.0.0.5", ["6.6.6.6", "198.51.100.7"], ["10.0.0.5"], "198.51.100.7"),  # the header given twice
        ("10.0.0.5", [], ["10.0.0.5"], "10.0.0.5"),  # a proxy that does not say: the proxy is the client
        (None, ["198.51.100.7"], ["127.0.0.1"], "198.51.100.7"),  # a proxy on the same machine
        (None, ["198.51.100.7"], [], signin.LOCAL),
        ("203.0.113.9", ["198.51.100.7"], ["10.0.0.5"], "203.0.113.9"),  # the peer is not the proxy
    ],
)
def test_the_client_address_believes_x_forwarded_for_only_from_a_trusted_proxy(peer, forwarded, proxies, address):
    client = signin.client_of(peer, forwarded, "Firefox", auth.parse_proxies(proxies))
    assert client == signin.Client(address, "Firefox")


def test_one_ipv6_host_is_one_client_and_odd_input_is_harmless():
    first = signin.client_of("2001:db8:1:2::1", [], "a", ())
    second = signin.client_of("2001:db8:1:2:ffff::9", [], "b", ())
    assert first.key == second.key == "2001:db8:1:2::/64"  # a host holds its whole /64
    assert signin.client_of("2001:db8:1:3::1", [], "a", ()).key != first.key
    assert signin.client_of("::ffff:198.51.100.7", [], "", ()).key == "198.51.100.7"
    odd = signin.client_of(object(), [object(), "x" * 1000], None, auth.parse_proxies(["127.0.0.1"]))
    assert odd.address == "x" * 100 and odd.user_agent == ""
    with pytest.raises(auth.AuthConfigError, match="trusted_proxies"):
        auth.load_config({"portfolio": {**CONFIG_SECRETS["portfolio"], "trusted_proxies": ["proxy.example"]}})


CONFIG_SECRETS = {
    "portfolio": {
        "sign_in": "builtin",
        "users": {"anna": {"password_hash": auth.hash_password("x", iterations=FAST), "role": "viewer"}},
    }
}


def test_streamlit_log_lines_keep_no_session_id():
    """Streamlit logs 'Session with id <id> is already connected!' at WARNING; the id never reaches a handler."""
    import io
    import logging

    logger = logging.getLogger("streamlit.runtime.websocket_session_manager")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    try:
        signin.redact_session_ids()
        signin.redact_session_ids()
        assert logger.filters.count(signin._REDACT) == 1  # once per logger, however often the app asks
        session_id = "97a15d60-afa8-4a34-9607-51c303c1094f"
        logger.warning("Session with id %s is already connected! Reconnecting to existing session.", session_id)
        logger.warning("Ignoring reconnect to logged-out session id %s.", session_id.upper())
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert "Session with id <session id> is already connected" in written
    assert session_id not in written.lower()
