"""Answers shared by all sessions (portfolio/memo.py): kept while the database is unchanged, asked
again after any commit, by this process or another."""

import subprocess
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from portfolio import db, fmt, memo

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"


def test_memo_keeps_answers_per_key_and_forgets_the_least_recently_used():
    kept = memo.Memo(max_answers=2)
    asked = []

    def answer(value):
        asked.append(value)
        return [value]

    first = kept.get(("db", "v1", "a"), lambda: answer("a"))
    assert kept.get(("db", "v1", "a"), lambda: answer("again")) is first  # the same object, not asked again
    kept.get(("db", "v1", "b"), lambda: answer("b"))
    kept.get(("db", "v1", "a"), lambda: answer("a2"))  # a is used again: b is now the oldest
    kept.get(("db", "v1", "c"), lambda: answer("c"))  # over the bound: b goes
    assert kept.get(("db", "v1", "a"), lambda: answer("a3")) is first
    kept.get(("db", "v1", "b"), lambda: answer("b2"))
    assert asked == ["a", "b", "c", "b2"]
    assert kept.get(("db", "v2", "a"), lambda: answer("a-new")) == ["a-new"]  # another version is another key


def test_a_newer_version_of_a_database_drops_the_answers_of_its_older_versions():
    kept = memo.Memo()
    kept.get(("one.duckdb", 1, "programmes"), lambda: ["old"])
    kept.get(("one.duckdb", 1, "reports"), lambda: ["old"])
    kept.get(("other.duckdb", 7, "programmes"), lambda: ["other"])
    assert len(kept) == 3
    assert kept.get(("one.duckdb", 2, "programmes"), lambda: ["new"]) == ["new"]
    assert len(kept) == 2  # one.duckdb's version 1 is gone, other.duckdb's answer stays
    assert kept.get(("other.duckdb", 7, "programmes"), lambda: ["asked again"]) == ["other"]


def _load(path: Path, csv: Path, *extra: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "portfolio", "load", str(csv), "--db", str(path), "--wait", "30", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr + done.stdout


def _write(path: Path, budget: int) -> Path:
    path.write_text(
        "Programma;Peildatum;Nr;Omschrijving;Budget;Prognose;Stoplicht\n"
        f"Elders;2026-06-30;E1;Eerste;{budget};{budget};groen\n"
        "Elders;2026-06-30;E2;Tweede;1000;1200;oranje\n",
        encoding="utf-8",
    )
    return path


def test_the_version_moves_on_every_commit_from_any_process_and_not_on_reading(tmp_path):
    path = tmp_path / "p.duckdb"
    con = db.connect(path)
    before = db.file_version(path)
    con.execute("select count(*) from stories").fetchall()
    assert db.file_version(path) == before
    con.execute("update status_rules set overrun_red = overrun_red + 0.01").fetchall()
    after_own = db.file_version(path)
    assert after_own != before
    con.close()
    _load(path, _write(tmp_path / "elders.csv", 5000))
    assert db.file_version(path) != after_own


def test_the_app_shows_what_another_process_loaded_while_it_serves(app_db, tmp_path):
    """The sidebar and the overview are answered from the shared answers; a command-line load (another
    process) and then a replacement of that report must show on the next run, not the kept answer."""
    memo.answers.clear()
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["programme"] = ""  # the overview and its sidebar (the portfolio page comes first)
    at.run()
    assert not at.exception
    assert "Elders" not in at.sidebar.selectbox(key="programme").options
    at.run()  # a second run, answered from what is kept
    assert memo.answers.hits > 0

    _load(app_db, _write(tmp_path / "elders.csv", 5000))
    at.run()
    assert "Elders" in at.sidebar.selectbox(key="programme").options
    at.sidebar.selectbox(key="programme").set_value("Elders").run()
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown["Budget"] == fmt.money(5000 + 1000, "EUR", "nl")

    _load(app_db, _write(tmp_path / "elders-corrected.csv", 9000), "--replace")
    at.run()
    shown = {m.label: m.value for m in at.metric}
    assert shown["Budget"] == fmt.money(9000 + 1000, "EUR", "nl")
    assert shown["Prognose"] == fmt.money(9000 + 1200, "EUR", "nl")
