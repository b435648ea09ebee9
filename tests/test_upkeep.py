"""Looking after a DuckLake (issue 24, item 5): `maintain` merges small files, forgets old snapshots and
deletes files nothing uses, including those a load killed mid-save left, and changes no row; `backup`
writes catalog and data together as one file, which `move` restores into a new lake as it was at the
backup. With a real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portfolio import db, demo, ingest
from tests.test_lake import start_cli, story_csv
from tests.test_move import MAB, every_row, without_writes

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "portfolio", *args], capture_output=True, text=True, cwd=db.ROOT, timeout=600
    )


def files_on_disk(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def a_season_of_uploads(lake: str) -> None:
    con = db.connect(lake)
    demo.load_demo_if_empty(con)
    mab = next(DEMO.glob("mab_*.csv")).read_bytes()
    for budget in (251, 252, 253, 254):
        ingest.load_file(con, mab.replace(b"250", str(budget).encode(), 1), "mab.csv", replace=True, **MAB)
    con.close()


def kill_a_load_mid_save(lake: str, tmp_path: Path, data: Path) -> set[Path]:
    """A load killed with SIGKILL while its data files appear: the files it leaves (orphans)."""
    big = tmp_path / "big.csv"
    big.write_bytes(story_csv("K", 60_000))
    before = set(files_on_disk(data))
    load = start_cli(lake, "load", str(big), "--programme", "Killed", "--report-date", "2025-02-28")
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and load.poll() is None and not set(files_on_disk(data)) - before:
            time.sleep(0.005)
        time.sleep(0.3)
        assert load.poll() is None, "the load ended before it could be killed"
        os.kill(load.pid, signal.SIGKILL)
        load.wait(timeout=60)
    finally:
        if load.poll() is None:
            load.kill()
            load.wait()
        load.stdout.close()
        load.stderr.close()
    return set(files_on_disk(data)) - before


@pytest.fixture
def own_lake(postgres, monkeypatch) -> tuple[str, Path]:
    """A lake with a data path of its own (the `lake` fixture's copies share one, and to each of them
    the others' files would be orphans)."""
    if isinstance(postgres, Exception):
        pytest.fail(f"the DuckLake tests need PostgreSQL: {postgres}", pytrace=False)
    monkeypatch.delenv(db.DATA_PATH_ENV, raising=False)
    lake, data = postgres.new_lake()
    db.connect(lake, data_path_=data).close()
    return lake, Path(data)


def test_maintain_compacts_forgets_old_snapshots_removes_orphans_and_changes_no_row(own_lake, tmp_path):
    lake, data = own_lake
    a_season_of_uploads(lake)
    left = kill_a_load_mid_save(lake, tmp_path, data)
    assert left, "the killed load left no file behind"
    rows = every_row(lake)
    on_disk = files_on_disk(data)

    dry = cli("maintain", "--db", lake, "--keep-days", "0", "--grace-hours", "0", "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    assert files_on_disk(data) == on_disk and every_row(lake) == rows  # a dry run changes nothing
    said = json.loads(dry.stdout)
    assert {str(p) for p in left} <= set(said["orphans"])

    done = cli("maintain", "--db", lake, "--keep-days", "0", "--grace-hours", "0", "--json")
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    after = files_on_disk(data)
    assert not left & set(after), "the files of the killed save are still there"
    assert said["snapshots_expired"] > 0 and said["old_files"]
    assert said["files_after"][0] < said["files_before"][0]  # small files merged
    assert sum(files_on_disk(data).values()) < sum(on_disk.values())
    assert without_writes(every_row(lake)) == without_writes(rows)  # not one row changed

    text = cli("maintain", "--db", lake)
    assert text.returncode == 0 and "orphans" in text.stdout


def test_maintain_on_a_file_store_says_there_is_nothing_to_look_after(tmp_path):
    db.connect(tmp_path / "one.duckdb").close()
    done = cli("maintain", "--db", str(tmp_path / "one.duckdb"))
    assert done.returncode == 0 and "DuckDB file" in done.stdout


@pytest.mark.parametrize("command", [["maintain"], ["maintain", "--dry-run"], ["backup", "--to", "BACKUPS"]])
def test_maintain_and_backup_of_a_store_that_is_not_there_are_refused_and_make_nothing(tmp_path, command):
    """Run from cron, which passes no PORTFOLIO_DB, `maintain` once made an empty data/portfolio.duckdb, said
    it was a file and exited 0. A file store that is not there is refused, saying how to name the store."""
    missing = tmp_path / "nowhere.duckdb"
    args = [c.replace("BACKUPS", str(tmp_path / "backups")) for c in command]
    done = cli(*args, "--db", str(missing))
    assert done.returncode == 2 and "no store at" in done.stderr and "--db" in done.stderr, done.stderr
    assert not missing.exists()  # no empty store made
    assert not list(tmp_path.rglob("portfolio-*.duckdb"))  # no backup written


def test_a_backup_restores_catalog_and_data_as_they_were(lake, postgres, tmp_path):
    a_season_of_uploads(lake)
    at_backup = every_row(lake)
    done = cli("backup", "--db", lake, "--to", str(tmp_path / "backups"))
    assert done.returncode == 0, done.stderr
    [backup] = list((tmp_path / "backups").iterdir())  # one file, no partial, no '.wal' beside it
    assert backup.name.startswith("portfolio-") and backup.suffix == ".duckdb"

    con = db.connect(lake)  # the lake moves on after the backup
    ingest.load_file(con, story_csv("Z", 5), "z.csv", programme="After the backup", report_date=dt.date(2025, 3, 31))
    con.close()

    restored, restored_data = postgres.new_lake()
    back = cli("move", "--from", str(backup), "--to", restored, "--data-path", restored_data)
    assert back.returncode == 0, back.stderr
    assert without_writes(every_row(restored, data_path_=restored_data)) == without_writes(at_backup)


def test_a_lake_is_refused_a_data_directory_another_lake_holds_and_maintain_touches_nothing_there(
    own_lake, postgres, tmp_path
):
    """Two lakes in one data directory would each take the other's files for orphans, and `maintain` deletes
    orphans. A lake marks its directory with its id (.portfolio-lake); a second lake given that directory is
    refused, saying why; `maintain` in a directory marked by another lake deletes nothing and says so."""
    lake, data = own_lake
    a_season_of_uploads(lake)
    mark = data / db.LAKE_MARK
    own = mark.read_text().strip()
    assert len(own) == 36  # a uuid, made once per store (migration 024)
    other, _ = postgres.new_lake()
    with pytest.raises(db.DatabaseUnavailable) as refused:
        db.connect(other, data_path_=str(data))
    assert refused.value.reason == "lake_data_path_taken" and str(data) in str(refused.value)
    assert "eigen, lege map" in refused.value.text("nl")
    assert mark.read_text().strip() == own  # the first lake keeps its directory

    on_disk = files_on_disk(data)
    mark.write_text("another-lake\n")  # as if another lake had claimed the directory first
    done = cli("maintain", "--db", lake, "--keep-days", "0", "--grace-hours", "0")
    assert done.returncode == 4 and "another lake" in done.stderr and "Traceback" not in done.stderr
    assert set(files_on_disk(data)) == set(on_disk)  # nothing deleted
    mark.write_text(own + "\n")

    done = cli("maintain", "--db", lake, "--keep-days", "0", "--grace-hours", "0", "--json")
    assert done.returncode == 0, done.stderr
    assert db.LAKE_MARK not in " ".join(json.loads(done.stdout)["orphans"])
    assert mark.read_text().strip() == own  # DuckLake takes the mark for an orphan; it is written again


def test_a_restore_into_the_data_directory_of_another_lake_is_refused(own_lake, postgres, tmp_path):
    """The restored lake's maintain would delete the live lake's files (to it they are orphans)."""
    lake, data = own_lake
    a_season_of_uploads(lake)
    done = cli("backup", "--db", lake, "--to", str(tmp_path / "backups"))
    assert done.returncode == 0, done.stderr
    [backup] = list((tmp_path / "backups").iterdir())
    assert backup.stat().st_mode & 0o777 == 0o600  # it holds the sign-in records: the account's own
    on_disk = files_on_disk(data)
    restored, _ = postgres.new_lake()
    refused = cli("move", "--from", str(backup), "--to", restored, "--data-path", str(data))
    assert refused.returncode == 2 and "a data directory of its own" in refused.stderr, refused.stderr
    assert files_on_disk(data) == on_disk and not db.lake_exists(restored)
