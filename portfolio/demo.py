"""The embedded default: the demo spreadsheets in data/demo/, loaded through the upload path."""

from __future__ import annotations

import os

import duckdb

from portfolio import approval, db, ingest
from portfolio.problems import LoadRefused

DEMO_DIR = db.ROOT / "data" / "demo"
DEMO_USER = "demo"
DEMO_ENV = "PORTFOLIO_DEMO"  # 'off' (or 0, no, false): a new store starts empty, as a shared production lake should


def wanted() -> bool:
    """Whether an empty store gets the demo reports on the app's first start ($PORTFOLIO_DEMO, default on)."""
    return os.environ.get(DEMO_ENV, "on").strip().lower() not in ("off", "0", "no", "false")


def demo_files() -> list:
    return sorted(DEMO_DIR.glob("*.xlsx"))


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    return db.execute(con, "count_reports")[0][0] == 0


def load_demo_if_empty(con: duckdb.DuckDBPyConnection) -> list[ingest.Committed]:
    """Load every demo spreadsheet when the database holds no report yet; otherwise do nothing."""
    if not is_empty(con):
        return []
    done: list[ingest.Committed] = []
    for path in demo_files():
        try:
            _, committed = ingest.load_file(con, path.read_bytes(), path.name, loaded_by=DEMO_USER)
        except LoadRefused as refused:  # another server on the same lake loaded it at the same moment
            if all(p.key == "already_loaded" for p in refused.problems):
                continue
            raise
        done.extend(committed)
    if done:  # the demo's reports are published documents: approved where they were made, said as such
        approval.record_published(con, [c.report_id for c in done], DEMO_USER)
    return done
