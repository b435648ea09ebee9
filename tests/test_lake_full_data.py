"""The lake's data folder full (issue 24, item 4): an upload that meets the full disk is refused as a
full disk, leaves no half-written file behind (so the next, smaller upload fits in the room there is),
and its message on the page names no server path. A real tmpfs under the data path, a real PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portfolio import db, ingest
from tests.test_disk_full import small_disk  # noqa: F401 (the fixture: a tmpfs filled and freed)
from tests.test_lake import story_csv


def files(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def leave_free(mount: Path, room: int) -> None:
    """Fill the disk but for `room` bytes."""
    info = os.statvfs(mount)
    with open(mount / "filler", "wb") as filler:
        filler.write(b"\0" * (info.f_bavail * info.f_frsize - room))


def test_a_full_data_folder_leaves_no_partial_file_and_names_no_path(small_disk, postgres, monkeypatch):  # noqa: F811
    if isinstance(postgres, Exception):
        pytest.fail(f"the DuckLake tests need PostgreSQL: {postgres}", pytrace=False)
    monkeypatch.delenv(db.DATA_PATH_ENV, raising=False)
    lake, _ = postgres.new_lake()
    data = small_disk.mount / "lake"
    con = db.connect(lake, data_path_=str(data))
    try:
        ingest.load_file(con, story_csv("A", 10), "a.csv", programme="Kept", report_date="2025-01-31")
        leave_free(small_disk.mount, 300_000)
        before = files(data)
        with pytest.raises(db.DiskFull) as refused:
            ingest.load_file(con, story_csv("B", 60_000), "b.csv", programme="Big", report_date="2025-01-31")
        assert files(data) == before  # the half-written Parquet file is gone
        for lang in ("nl", "en"):
            said = refused.value.text(lang)
            assert "/" not in said and str(data) not in said and ("vol" in said or "full" in said)
        _, [small] = ingest.load_file(con, story_csv("C", 5), "c.csv", programme="Small", report_date="2025-01-31")
        assert con.execute("select count(*) from stories where report_id = ?", [small.report_id]).fetchone() == (5,)
        small_disk.free()
        _, [big] = ingest.load_file(con, story_csv("B", 60_000), "b.csv", programme="Big", report_date="2025-01-31")
        assert con.execute("select count(*) from stories where report_id = ?", [big.report_id]).fetchone() == (60_000,)
    finally:
        con.close()
