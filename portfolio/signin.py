"""Built-in sign-in against password guessing and floods: who may try now, and what is recorded. No Streamlit.

Every decision reads the database, so a new browser session, a reconnect or a second process starts
from the same counts (queries/migrations/007_sign_in_attempts.sql):
- failures are counted per user name AND per client address; from the `name_free`-th failure of a
  name (`client_free`-th of a client) on, the next attempt waits `first_delay` seconds, doubling per
  further failure up to `max_delay`; a count untouched for `forget_after` seconds starts again;
  a success clears the name's count (not the client's);
- a client gets at most `per_minute` password checks per minute;
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
    name_free: int = 5  # failures of one user name before the first delay
    client_free: int = 10  # failures from one address (an office behind one address holds several users)
    first_delay: float = 30.0
    max_delay: float = 15 * 60.0
    forget_after: float = 24 * 3600.0
    per_minute: int = 10  # password checks per client per minute
    hashing_wait: float = 5.0  # seconds an attempt waits for its turn to hash


POLICY = Policy()


@dataclass(frozen=True)
class Outcome:
    reason: str  # SIGNED_IN, FAILED, LOCKED, TOO_FAST or BUSY
    role: str | None = None  # the role when signed in
    wait: int = 0  # whole seconds before the next attempt may be checked (0: now)

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


def wait_before(cur, name: str, client: Client, now: float, policy: Policy = POLICY) -> Outcome | None:
    """Why an attempt must wait now (LOCKED or TOO_FAST, with the seconds), or None when it may be checked."""
    subjects = {"name": _subject("name", name), "client": _subject("client", client.key)}
    rows = db.query(cur, "sign_in_failures", **subjects, forget_before=now - policy.forget_after)
    locked = 0.0
    for subject, failures, last in rows.itertuples(index=False, name=None):
        free = policy.name_free if subject == subjects["name"] else policy.client_free
        until = float(last) + _delay(int(failures), free, policy)
        locked = max(locked, min(until - now, policy.max_delay))  # a clock set back waits no longer than the cap
    if locked > 0:
        return Outcome(LOCKED, wait=math.ceil(locked))
    recent = db.query(cur, "sign_in_recent_attempts", client=subjects["client"], since=now - 60.0).iloc[0]
    if int(recent["n"]) >= policy.per_minute:
        return Outcome(TOO_FAST, wait=max(1, math.ceil(float(recent["first_at"]) + 60.0 - now)))
    return None


def attempt(
    cursors: Cursors,
    config: auth.AuthConfig,
    name: str,
    password: str,
    client: Client,
    *,
    policy: Policy = POLICY,
    clock: Callable[[], float] = time.time,
    hashing: threading.Semaphore = HASHING,
) -> Outcome:
    """One sign-in attempt: refused before hashing while a wait holds, else checked and recorded.

    `cursors()` gives a database cursor as a context manager; it is held only for the bookkeeping,
    never while the password is hashed.
    """
    name_subject, client_subject = _subject("name", name), _subject("client", client.key)
    with _BOOKKEEPING, cursors() as cur:
        now = clock()
        refused = wait_before(cur, name, client, now, policy)
        if refused is not None:
            return refused
        # in one writing transaction (db.write): on a shared lake two servers' prunes would otherwise
        # conflict, and the loser's sign-in fail
        _record(
            cur,
            lambda cur: (
                db.execute(cur, "prune_sign_in_attempts", since=now - 60.0),
                db.execute(cur, "insert_sign_in_attempt", client=client_subject, at=now),
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
            _record(
                cur,
                lambda cur: db.execute(cur, "clear_sign_in_failures", name=name_subject, forget_before=forget_before),
            )
            return Outcome(SIGNED_IN, role=role)
        failure = dict(name=name_subject, client=client_subject, at=now, forget_before=forget_before)
        _record(
            cur,
            lambda cur: (
                db.execute(cur, "record_sign_in_failure", **failure),
                db.execute(cur, "record_sign_in_failure_new", name=name_subject, client=client_subject, at=now),
            ),
        )
        after = wait_before(cur, name, client, now, policy)
    return Outcome(FAILED, wait=after.wait if after is not None and after.reason == LOCKED else 0)


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
