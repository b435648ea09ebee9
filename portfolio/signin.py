"""Built-in sign-in against password guessing and floods: who may try now, and what is recorded. No Streamlit.

Every decision reads the database, so a new browser session, a reconnect or a second process starts
from the same counts (queries/migrations/007_sign_in_attempts.sql, 013_sign_in_devices.sql). After
OWASP's authentication guidance, a lockout cannot be aimed at a user:
- failures are counted per user name from one client (address), so an attacker who guesses a name
  locks that name for his own address only: from the `pair_free`-th failure on, his next attempt
  waits `first_delay` seconds, doubling per further failure up to `max_delay`;
- one client failing across names waits from its `client_free`-th failure (guessing names);
- a name's failures from all clients together slow every unknown client down only from `name_free`,
  far above what one person mistyping makes; from `notice_at` on, an admin is told (an audit-log entry
  'sign_in_attack', shown to uploaders in the sidebar);
- a browser that signed in as the name before (a random device token in an HttpOnly cookie, its digest
  kept in sign_in_devices) is not held by any of these: it has a count of its own (`device_free`),
  so the real user signs in from a trusted browser while the name is under attack, also behind the
  attacker's own shared address;
- a client (or a trusted device) gets at most `per_minute` password checks per minute;
- a count untouched for `forget_after` seconds starts again; a success clears the name's count from
  that client and the device's, never the name's count everywhere (an attack goes on);
- while any of these holds, the attempt is refused before the password is hashed, with the wait;
- at most one password is hashed at a time in the process (HASHING), so a flood of sign-ins takes at
  most one core and signed-in users keep the other; an attempt that cannot get its turn within
  `hashing_wait` seconds is told to try again.
Unknown and known names do the same work: one PBKDF2 run each (auth.check_login), the same records.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from portfolio import auth, db

SIGNED_IN, FAILED, LOCKED, TOO_FAST, BUSY = "signed_in", "failed", "locked", "too_fast", "busy"
HASHING = threading.BoundedSemaphore(1)  # password hashes running at once in this process
_BOOKKEEPING = threading.Lock()  # the check and the record of an attempt, one session at a time
LOCAL = "local"  # st.context.ip_address is None for a loopback peer


@dataclass(frozen=True)
class Policy:
    pair_free: int = 5  # failures of one user name from one client before the first delay
    client_free: int = 10  # failures from one address across names (an office behind one address holds several users)
    name_free: int = 50  # failures of one name from all unknown clients together before they are all slowed
    device_free: int = 5  # failures of one name from a browser that signed in as it before
    notice_at: int = 10  # failures of a configured name from all clients that tell an admin (again at each name_free)
    first_delay: float = 30.0
    max_delay: float = 15 * 60.0
    forget_after: float = 24 * 3600.0
    device_trust: float = 90 * 24 * 3600.0  # how long a browser stays trusted after its last sign-in
    per_minute: int = 10  # password checks per client per minute
    hashing_wait: float = 5.0  # seconds an attempt waits for its turn to hash


POLICY = Policy()


@dataclass(frozen=True)
class Outcome:
    reason: str  # SIGNED_IN, FAILED, LOCKED, TOO_FAST or BUSY
    role: auth.Grants | None = None  # the roles when signed in
    wait: int = 0  # whole seconds before the next attempt may be checked (0: now)
    device: str | None = None  # after a sign-in: the device token for this browser's cookie

    @property
    def signed_in(self) -> bool:
        return self.reason == SIGNED_IN


@dataclass(frozen=True)
class Client:
    """Where a request comes from: its address (after trusted proxies) and its User-Agent."""

    address: str
    user_agent: str = ""

    @property
    def key(self) -> str:
        """The address failures and attempts are counted under; IPv6 by its /64, which one host holds whole."""
        try:
            parsed = ipaddress.ip_address(self.address)
        except ValueError:
            return self.address
        parsed = getattr(parsed, "ipv4_mapped", None) or parsed
        if parsed.version == 6:
            return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
        return str(parsed)


def _trusted(address: str, proxies) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    parsed = getattr(parsed, "ipv4_mapped", None) or parsed
    return any(parsed in network for network in proxies)


def client_of(peer: str | None, forwarded_for: Iterable[str], user_agent: str | None, proxies) -> Client:
    """The client of a request.

    `peer` is the connection's address (None for loopback). X-Forwarded-For counts only when the peer
    is a trusted proxy; it is read from the right, each trusted proxy's hop skipped, so what a client
    writes into the header itself (the left part) is never believed.
    """
    address = peer if isinstance(peer, str) and peer else "127.0.0.1"
    if proxies and _trusted(address, proxies):
        hops = [
            hop.strip() for line in forwarded_for if isinstance(line, str) for hop in line.split(",") if hop.strip()
        ]
        while hops and _trusted(address, proxies):
            address = hops.pop()
    address = address[:100]
    agent = user_agent[:500] if isinstance(user_agent, str) else ""
    return Client(LOCAL if address in ("127.0.0.1", "::1") else address, agent)


def _subject(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


def _delay(failures: int, free: int, policy: Policy) -> float:
    if failures < free:
        return 0.0
    return min(policy.first_delay * 2.0 ** min(failures - free, 64), policy.max_delay)


Cursors = Callable[[], AbstractContextManager]


@dataclass(frozen=True)
class _Subjects:
    """What one attempt is counted under (digests), and each count's free failures."""

    name: str  # the name from everywhere
    counted: dict  # subject -> failures free before a delay, for the counts that hold this attempt
    rate: str  # the subject whose password checks per minute are limited
    device: str | None  # the digest of a trusted device token, else None


def _subjects(cur, name: str, client: Client, device: str | None, now: float, policy: Policy) -> _Subjects:
    name_subject = _subject("name", name)
    if device and _device_trusted(cur, name, device, now, policy):
        own = _subject("device_name", f"{name}\0{device}")
        return _Subjects(name_subject, {own: policy.device_free}, own, _subject("device", device))
    client_subject = _subject("client", client.key)
    counted = {
        _subject("pair", f"{name}\0{client.key}"): policy.pair_free,
        client_subject: policy.client_free,
        name_subject: policy.name_free,
    }
    return _Subjects(name_subject, counted, client_subject, None)


def _device_trusted(cur, name: str, device: str, now: float, policy: Policy) -> bool:
    """Whether this device token signed in as `name` within the trust period."""
    found = db.query(
        cur,
        "trusted_device",
        device=_subject("device", device),
        name=_subject("name", name),
        since=now - policy.device_trust,
    )
    return int(found.iloc[0]["n"]) > 0


def _wait(cur, subjects: _Subjects, now: float, policy: Policy) -> Outcome | None:
    rows = db.query(cur, "sign_in_failures", subjects=list(subjects.counted), forget_before=now - policy.forget_after)
    locked = 0.0
    for subject, failures, last in rows.itertuples(index=False, name=None):
        until = float(last) + _delay(int(failures), subjects.counted[subject], policy)
        locked = max(locked, min(until - now, policy.max_delay))  # a clock set back waits no longer than the cap
    if locked > 0:
        return Outcome(LOCKED, wait=math.ceil(locked))
    recent = db.query(cur, "sign_in_recent_attempts", client=subjects.rate, since=now - 60.0).iloc[0]
    if int(recent["n"]) >= policy.per_minute:
        return Outcome(TOO_FAST, wait=max(1, math.ceil(float(recent["first_at"]) + 60.0 - now)))
    return None


def wait_before(
    cur, name: str, client: Client, now: float, policy: Policy = POLICY, device: str | None = None
) -> Outcome | None:
    """Why an attempt must wait now (LOCKED or TOO_FAST, with the seconds), or None when it may be checked.

    `device` is the device token the browser presented (its cookie), if any."""
    return _wait(cur, _subjects(cur, name, client, device, now, policy), now, policy)


def attempt(
    cursors: Cursors,
    config: auth.AuthConfig,
    name: str,
    password: str,
    client: Client,
    *,
    device: str | None = None,
    policy: Policy = POLICY,
    clock: Callable[[], float] = time.time,
    hashing: threading.Semaphore = HASHING,
) -> Outcome:
    """One sign-in attempt: refused before hashing while a wait holds, else checked and recorded.

    `device` is the device token the browser presented (its cookie), if any; a sign-in returns the token
    the browser is to keep (the same one when it was trusted already, else a new one).
    `cursors()` gives a database cursor as a context manager; it is held only for the bookkeeping,
    never while the password is hashed.
    """
    with _BOOKKEEPING, cursors() as cur:
        now = clock()
        subjects = _subjects(cur, name, client, device, now, policy)
        refused = _wait(cur, subjects, now, policy)
        if refused is not None:
            return refused
        # in one writing transaction (db.write): on a shared lake two servers' prunes would otherwise
        # conflict, and the loser's sign-in fail
        _record(
            cur,
            lambda cur: (
                db.execute(cur, "prune_sign_in_attempts", since=now - 60.0),
                db.execute(cur, "insert_sign_in_attempt", client=subjects.rate, at=now),
            ),
        )
    if not hashing.acquire(timeout=policy.hashing_wait):
        return Outcome(BUSY, wait=max(1, math.ceil(policy.hashing_wait)))
    try:
        role = auth.check_login(config, name, password)
    finally:
        hashing.release()
    with _BOOKKEEPING, cursors() as cur:
        now = clock()
        forget_before = now - policy.forget_after
        if role is not None:
            token = device if subjects.device is not None else secrets.token_urlsafe(32)
            own = [s for s in subjects.counted if s != subjects.name]  # the name's count everywhere stays
            device_row = dict(device=_subject("device", token), name=subjects.name)
            _record(
                cur,
                lambda cur: (
                    db.execute(cur, "clear_sign_in_failures", subjects=own, forget_before=forget_before),
                    db.execute(cur, "forget_sign_in_device", **device_row, since=now - policy.device_trust),
                    db.execute(cur, "remember_sign_in_device", **device_row, at=now),
                ),
            )
            return Outcome(SIGNED_IN, role=role, device=token)
        counted = list(subjects.counted)
        _record(
            cur,
            lambda cur: (
                db.execute(cur, "record_sign_in_failure", subjects=counted, at=now, forget_before=forget_before),
                db.execute(cur, "record_sign_in_failure_new", subjects=counted, at=now),
                _tell_an_admin(cur, config, name, subjects, now, policy),
            ),
        )
        after = _wait(cur, subjects, now, policy)
    return Outcome(FAILED, wait=after.wait if after is not None and after.reason == LOCKED else 0)


ATTACK = "sign_in_attack"  # the audit-log action that says a user name is under attack


def _tell_an_admin(cur, config: auth.AuthConfig, name: str, subjects: _Subjects, now: float, policy: Policy) -> None:
    """An audit-log entry when a configured user name's failures from unknown clients reach notice_at,
    and again at every name_free (names nobody has are left out: the name field may hold a password)."""
    if subjects.name not in subjects.counted or name not in config.users:
        return
    rows = db.query(cur, "sign_in_failures", subjects=[subjects.name], forget_before=now - policy.forget_after)
    failures = int(rows.iloc[0]["failures"]) if len(rows) else 0
    if failures == policy.notice_at or (failures and failures % policy.name_free == 0):
        detail = f"{name}: {failures} failed sign-ins"
        db.execute(cur, "insert_audit", actor=None, action=ATTACK, report_id=None, detail=detail)


def alarms(cur, within: float = POLICY.forget_after, limit: int = 20) -> list[tuple[str, int]]:
    """User names under attack within the last `within` seconds, newest first, each once: (name, failures)."""
    found: dict[str, int] = {}
    for _, detail in db.query(cur, "sign_in_alarms", within=within, limit=limit).itertuples(index=False, name=None):
        name, _, rest = str(detail).rpartition(": ")
        count = rest.split()[0] if rest.split() else ""
        found.setdefault(name, int(count) if count.isdigit() else 0)
    return list(found.items())


def _record(cur, work: Callable) -> None:
    """Write the sign-in bookkeeping (db.write). On a full disk it is not written and the attempt goes
    on: the counts written before still slow guessing, one password is still hashed at a time, and the
    server log says that attempts are not being counted; a full disk must not keep everybody out."""
    try:
        db.write(cur, work)
    except db.DiskFull as full:
        logging.getLogger(__name__).warning("sign-in attempt not recorded (failures are not counted): %s", full)


SESSION_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)


class RedactSessionIds(logging.Filter):
    """Streamlit's own log lines name session ids ('Session with id ... is already connected'), and
    whoever reads the log could present one; the id is replaced before any handler writes the line."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if SESSION_ID.search(text):
            record.msg, record.args = SESSION_ID.sub("<session id>", text), None
        return True


_REDACT = RedactSessionIds()


def redact_session_ids(prefix: str = "streamlit") -> int:
    """Put the filter on every logger under `prefix` that lacks it (Streamlit's do not propagate); how many."""
    added = 0
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        under = name == prefix or name.startswith(prefix + ".")
        if under and isinstance(logger, logging.Logger) and _REDACT not in logger.filters:
            logger.addFilter(_REDACT)
            added += 1
    return added
