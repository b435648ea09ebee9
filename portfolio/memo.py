"""Answers shared by every session of the app process, until the database file changes.

Twenty people looking at the same programme ask the same questions: the sidebar's programmes and
reports, a report's filter options, the overview of a report under a handful of filter settings.
Every answer is a pure function of the database's contents and its arguments, so it is kept here,
keyed by the database file's version (`db.file_version`: the file and its write-ahead log as the
file system sees them, which every committed write changes, whichever process wrote it) and the
arguments. A load, restore, delete or rule change commits, the version moves and every answer is
asked again: nothing shown is older than the database.

Answers are shared objects: callers read them and never change them (a page that needs another
shape makes a new frame). No Streamlit here; pages/_ui/session.py shared() decides what goes through it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

MAX_ANSWERS = 128  # an overview of a 2,000-story report with its figures is about a megabyte


class Memo:
    """A bounded, thread-safe map from (database, its version, question, arguments) to an answer.

    Keys are tuples whose first two items are the database and its version: when a newer version of a
    database is asked for, the answers of its older versions go at once (nobody can ask for them again).
    """

    def __init__(self, max_answers: int = MAX_ANSWERS):
        self.max_answers = max_answers
        self._answers: OrderedDict[tuple, object] = OrderedDict()
        self._versions: dict[Hashable, Hashable] = {}  # database -> the version last asked for
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple, compute: Callable[[], T]) -> T:
        """The answer kept under key, or compute() kept under it (the least recently used goes first).

        Two sessions asking the same new question at once may both compute it; both get a right answer.
        """
        database, version = key[0], key[1]
        with self._lock:
            if self._versions.get(database, version) != version:
                for old in [k for k in self._answers if k[0] == database and k[1] != version]:
                    del self._answers[old]
            self._versions[database] = version
            if key in self._answers:
                self._answers.move_to_end(key)
                self.hits += 1
                return self._answers[key]  # type: ignore[return-value]
            self.misses += 1
        answer = compute()
        with self._lock:
            if self._versions.get(database) == version:  # not when the database moved on meanwhile
                self._answers[key] = answer
                self._answers.move_to_end(key)
            while len(self._answers) > self.max_answers:
                self._answers.popitem(last=False)
        return answer

    def __len__(self) -> int:
        return len(self._answers)

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()


answers = Memo()  # the app process's answers (pages/_ui/session.py shared())
