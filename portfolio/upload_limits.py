"""What the server takes on its upload endpoint: from which sessions, and how much it holds. No Streamlit.

Streamlit keeps every uploaded file in memory until its session ends, and takes files from any
websocket session, also one that never signed in. pages/_ui/uploads.py puts this ledger in front of
the endpoint:
- a session may send files only while it is signed in with a role that may upload (`allow`);
- a file is counted before its body is read, at its Content-Length (or the largest file taken when it
  names none), and what all sessions hold plus what is arriving stays under `server_bytes`: beyond
  it a file is refused, so the memory the uploads take is bounded whoever sends them;
- one session sends at most `session_arriving` files at once and keeps at most `session_files`:
  the oldest go when a newer one arrives (the upload page empties its uploader after each save, and
  the files of an emptied uploader would otherwise stay until the session ends).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

MIB = 2**20


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 45 * MIB  # Streamlit's server.maxUploadSize; a file that names no size is counted at this
    session_files: int = 2
    session_arriving: int = 2
    server_bytes: int = 256 * MIB


NOT_ALLOWED, SESSION_BUSY, SERVER_FULL = "not_allowed", "session_busy", "server_full"


@dataclass
class Ledger:
    """Which sessions may upload and what is on its way in; thread-safe."""

    limits: Limits = field(default_factory=Limits)
    _allowed: set = field(default_factory=set)
    _arriving: dict = field(default_factory=dict)  # session id -> bytes counted for each file on its way in
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, session_id: str, may: bool) -> None:
        with self._lock:
            if may:
                self._allowed.add(session_id)
            else:
                self._allowed.discard(session_id)

    def forget_ended(self, alive) -> None:
        """Drop the sessions for which alive(session_id) is False (ended sessions leave no trace)."""
        with self._lock:
            allowed = list(self._allowed)
        ended = [session_id for session_id in allowed if not alive(session_id)]
        with self._lock:
            self._allowed.difference_update(ended)

    def allowed_count(self) -> int:
        with self._lock:
            return len(self._allowed)

    def may_upload(self, session_id: str) -> bool:
        with self._lock:
            return session_id in self._allowed

    def admit(self, session_id: str, size: int | None, held_bytes: int) -> str | None:
        """Count a file on its way in (None), or say why it is refused. `held_bytes`: what all sessions hold."""
        counted = min(size, self.limits.file_bytes) if size is not None and size >= 0 else self.limits.file_bytes
        with self._lock:
            if session_id not in self._allowed:
                return NOT_ALLOWED
            mine = self._arriving.setdefault(session_id, [])
            if len(mine) >= self.limits.session_arriving:
                return SESSION_BUSY
            arriving = sum(sum(sizes) for sizes in self._arriving.values())
            if held_bytes + arriving + counted > self.limits.server_bytes:
                if not mine:
                    del self._arriving[session_id]
                return SERVER_FULL
            mine.append(counted)
        return None

    def arrived(self, session_id: str, size: int | None) -> None:
        """A file admitted before has been taken or refused: it no longer counts as arriving."""
        counted = min(size, self.limits.file_bytes) if size is not None and size >= 0 else self.limits.file_bytes
        with self._lock:
            mine = self._arriving.get(session_id, [])
            if counted in mine:
                mine.remove(counted)
            if not mine:
                self._arriving.pop(session_id, None)

    def arriving_bytes(self) -> int:
        with self._lock:
            return sum(sum(sizes) for sizes in self._arriving.values())

    def too_many(self, file_ids: list[str]) -> list[str]:
        """Of one session's files, oldest first, those to drop so it keeps `session_files`."""
        return file_ids[: max(0, len(file_ids) - self.limits.session_files)]
