"""The ledger in front of Streamlit's upload endpoint (portfolio/upload_limits.py): who may send files,
how many at once, and how much the server holds; the endpoint itself is tried in
tests/browser/test_upload_endpoint.py."""

from portfolio.upload_limits import MIB, NOT_ALLOWED, SERVER_FULL, SESSION_BUSY, Ledger, Limits


def test_only_a_session_allowed_to_upload_gets_a_file_counted():
    ledger = Ledger()
    assert ledger.admit("stranger", 10 * MIB, held_bytes=0) == NOT_ALLOWED
    ledger.allow("bert", True)
    assert ledger.admit("bert", 10 * MIB, held_bytes=0) is None
    ledger.allow("bert", False)  # signed out
    assert ledger.admit("bert", 10 * MIB, held_bytes=0) == NOT_ALLOWED


def test_a_session_sends_two_files_at_once_and_the_server_holds_a_bounded_amount():
    ledger = Ledger(Limits(file_bytes=45 * MIB, session_arriving=2, server_bytes=100 * MIB))
    for session in ("bert", "carl"):
        ledger.allow(session, True)
    assert ledger.admit("bert", 40 * MIB, held_bytes=0) is None
    assert ledger.admit("bert", 40 * MIB, held_bytes=0) is None
    assert ledger.admit("bert", 1, held_bytes=0) == SESSION_BUSY
    assert ledger.admit("carl", 30 * MIB, held_bytes=0) == SERVER_FULL  # 80 arriving + 30 > 100
    assert ledger.admit("carl", None, held_bytes=0) == SERVER_FULL  # no size named: counted as the largest
    ledger.arrived("bert", 40 * MIB)
    assert ledger.arriving_bytes() == 40 * MIB
    assert ledger.admit("carl", 30 * MIB, held_bytes=20 * MIB) is None  # 40 + 20 held + 30
    assert ledger.admit("carl", 30 * MIB, held_bytes=20 * MIB) == SERVER_FULL
    ledger.arrived("bert", 40 * MIB)
    ledger.arrived("carl", 30 * MIB)
    assert ledger.arriving_bytes() == 0


def test_a_session_keeps_its_newest_files():
    ledger = Ledger(Limits(session_files=2))
    assert ledger.too_many(["a", "b"]) == []
    assert ledger.too_many(["a", "b", "c", "d"]) == ["a", "b"]


def test_ended_sessions_are_forgotten():
    ledger = Ledger()
    for session in ("a", "b", "c"):
        ledger.allow(session, True)
    ledger.forget_ended(lambda session: session == "b")
    assert ledger.allowed_count() == 1 and ledger.may_upload("b")
