"""Moving a store: everything of a DuckDB file into a DuckLake (moving in), or of a lake into a file.

Every table both stores have is copied whole, in one transaction on the target: every report with all
its versions, the audit log, the rules, the sign-in records, the id counters, and whatever tables later
migrations add. A target that already holds data is refused unless asked (into_used): then the
source's programmes and reports are added beside the target's with new ids (the target's counters
as offset), and the target keeps its own rules. Before the commit, every table of the target is
checked against the source: rows, money totals (every DECIMAL column) and a checksum of every row;
any difference rolls the copy back whole. Both stores are migrated to the newest schema first.

Table and column names come from DuckDB's own catalog (duckdb_tables, duckdb_columns) and are quoted;
they are the only text put into these statements, every value is bound or read from a table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from portfolio import db

# the target's own: what its schema is, what it was migrated with, which store it is (its data directory's mark)
KEPT = ("schema_version", "live_macros", "lake_identity")
WRITES = "writes"  # the counter every write claims (queries/claim_write.sql), not an id


class MoveRefused(Exception):
    """The copy was not made; nothing was written to the target."""


@dataclass
class TableCheck:
    table: str
    rows: int
    totals: dict[str, Decimal | None] = field(default_factory=dict)  # DECIMAL column -> sum (None: no amount)
    same: bool = True


@dataclass
class MoveResult:
    source: str
    target: str
    merged: bool
    tables: list[TableCheck]
    kept_rules: bool = False
    counters: dict[str, int] = field(default_factory=dict)  # the target's id counters after the copy

    @property
    def checked(self) -> bool:
        return all(t.same for t in self.tables)

    def rows(self, table: str) -> int:
        return next((t.rows for t in self.tables if t.table == table), 0)


def move(
    source: str | Path, target: str | Path, *, data_path: str | None = None, into_used: bool = False
) -> MoveResult:
    """Copy the store `source` into `target` (a DuckDB file or a 'ducklake:' URL each; data_path for a
    new target lake). MoveRefused (nothing written) when the target holds data and not into_used, when
    programme names clash in a merge, or when the check after the copy finds a difference."""
    source, target = str(source), str(target)
    if _same_store(source, target):
        raise MoveRefused("the source and the target are the same store")
    if db.is_lake(target) and data_path and "://" not in data_path and not db.lake_exists(target):
        held = next((p for p in Path(data_path).expanduser().rglob("*") if p.is_file()), None)
        if held is not None:
            raise MoveRefused(
                f"the data directory {data_path} holds files already ({held}); a new lake needs a data "
                "directory of its own (maintain deletes every file there its catalog does not know). Give "
                "--data-path a new or empty directory"
            )
    for store, path in ((source, None), (target, data_path)):
        if not db.is_lake(store) and store is source and not Path(store).is_file():
            raise MoveRefused(f"there is no database at {store}")
        db.connect(store, data_path_=path).close()  # made and migrated to the newest schema
    con = duckdb.connect(":memory:", config=db._lake_config())
    try:
        _attach(con, source, "src", read_only=True)
        _attach(con, target, "tgt", read_only=False)
        con.execute("use tgt")
        return db.write(con, lambda c: _copy(c, source, target, into_used), attempts=3)
    except duckdb.Error as exc:
        raise db.lake_outage(target, exc) or db.DatabaseUnavailable(
            "lake_unusable" if db.is_lake(target) else "unusable", target, str(exc).replace("\n", " ")
        ) from exc
    finally:
        con.close()


def _same_store(a: str, b: str) -> bool:
    if db.is_lake(a) or db.is_lake(b):
        return " ".join(a.split()) == " ".join(b.split())
    return Path(a).resolve() == Path(b).resolve()


def _attach(con: duckdb.DuckDBPyConnection, store: str, alias: str, *, read_only: bool) -> None:
    options = " (read_only)" if read_only else ""
    con.execute(f"attach {db._quoted(store)} as {alias}{options}")


def _copy(con: duckdb.DuckDBPyConnection, source: str, target: str, into_used: bool) -> MoveResult:
    tables = _common_tables(con)
    seeded = _seeded_tables()
    counters = dict(db.execute(con, "move_target_counters"))
    used = _holds_data(con, tables, seeded, counters)
    if used and not into_used:
        raise MoveRefused(
            f"the target already holds data ({used}); nothing was copied. Copy into an empty store, or give "
            "--into-used to add the source's programmes beside the target's"
        )
    merge = bool(used)
    offsets = {name: int(value) for name, value in counters.items() if name != WRITES} if merge else {}
    if merge:
        _refuse_clashing_programmes(con)
    before = {table: _measure(con, "tgt", table, columns, {}) for table, columns in tables.items()}
    checks = []
    for table, columns in tables.items():
        # in a merge, of a table a new store has rows in (the rules) only the rows of a programme go along
        only = _PROGRAMME_ROWS if merge and table in seeded else ""
        if table in KEPT or table == "counters" or (only and "programme_id" not in dict(columns)):
            continue
        if table in seeded and not merge:
            con.execute(f"delete from tgt.main.{_q(table)}")  # noqa: S608 (a name from the catalog, quoted)
            before[table] = _measure(con, "tgt", table, columns, {})
        names = ", ".join(_q(c) for c, _ in columns)
        values = ", ".join(_shifted(c, offsets) for c, _ in columns)
        copy = f"insert into tgt.main.{_q(table)} ({names}) select {values} from src.main.{_q(table)}{only}"  # noqa: S608
        con.execute(copy)
        checks.append(_check(con, table, columns, offsets, before[table], only))
    _copy_counters(con, merge)
    counted = {name: int(value) for name, value in db.execute(con, "move_target_counters") if name != WRITES}
    result = MoveResult(source, target, merge, checks, kept_rules=merge, counters=counted)
    if not result.checked:
        different = ", ".join(t.table for t in checks if not t.same)
        raise MoveRefused(f"the copy differs from the source in {different}; nothing was copied")
    return result


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _shifted(column: str, offsets: dict[str, int]) -> str:
    """The column as copied: an id column (named after an id counter) moved past the target's ids."""
    if column in offsets:
        return f"{_q(column)} + {int(offsets[column])}"
    return _q(column)


def _common_tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """Every table of the target's main schema the source has too, with the columns both have."""
    rows = db.execute(con, "move_common_tables")
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        tables.setdefault(table, []).append((column, data_type))
    return tables


def _seeded_tables() -> set[str]:
    """Tables a new store already has rows in (made by the schema itself: rules, light ranks, counters)."""
    fresh = db.connect(":memory:")
    try:
        names = [name for (name,) in fresh.execute("select table_name from duckdb_tables()").fetchall()]
        return {name for name in names if fresh.execute(f"select count(*) from {_q(name)}").fetchone()[0]}  # noqa: S608
    finally:
        fresh.close()


def _holds_data(con, tables: dict, seeded: set[str], counters: dict) -> str:
    """What the target holds beyond a new store's rows, said briefly ('' when nothing)."""
    found = []
    for table in tables:
        if table in seeded or table in KEPT:
            continue
        [(count,)] = con.execute(f"select count(*) from tgt.main.{_q(table)}").fetchall()  # noqa: S608
        if count:
            found.append(f"{count} rows in {table}")
    ids = [f"{name} up to {value}" for name, value in counters.items() if name != WRITES and value]
    return ", ".join(found or ids)


def _refuse_clashing_programmes(con: duckdb.DuckDBPyConnection) -> None:
    clash = db.execute(con, "move_clashing_programmes")
    if clash:
        names = ", ".join(repr(name) for (name,) in clash)
        raise MoveRefused(
            f"both stores have the programme {names}: adding one beside the other would make two of it; "
            "nothing was copied"
        )


_PROGRAMME_ROWS = " where programme_id is not null"


def _measure(
    con, alias: str, table: str, columns: list[tuple[str, str]], offsets: dict[str, int], only: str = ""
) -> tuple:
    """(rows, {DECIMAL column: sum}, checksum of every row) of a table as copied (ids shifted; `only`:
    the rows of programmes alone)."""
    money = [c for c, data_type in columns if data_type.upper().startswith("DECIMAL")]
    row = ", ".join(_shifted(c, offsets) for c, _ in columns)
    sums = "".join(f", sum({_q(c)})" for c in money)  # None where the column holds no amount
    found = con.execute(
        f"select count(*), coalesce(sum(hash({row})::hugeint), 0){sums} from {alias}.main.{_q(table)}{only}"  # noqa: S608
    ).fetchone()
    return int(found[0]), dict(zip(money, found[2:], strict=True)), int(found[1])


def _check(con, table: str, columns, offsets: dict[str, int], before: tuple, only: str = "") -> TableCheck:
    """The rows the copy added to the target against the source's, as copied."""
    rows, totals, checksum = _measure(con, "src", table, columns, offsets, only)
    after_rows, after_totals, after_checksum = _measure(con, "tgt", table, columns, {})
    added = {c: _minus(after_totals[c], before[1][c]) for c in totals}
    same = after_rows - before[0] == rows and added == totals and after_checksum - before[2] == checksum
    return TableCheck(table, rows, totals, same)


def _minus(after: Decimal | None, before: Decimal | None) -> Decimal | None:
    """What a copy added to a column's sum; None when there was no amount before nor after."""
    if after is None:
        return None if before is None else -before
    return after - (before or 0)


def _copy_counters(con: duckdb.DuckDBPyConnection, merge: bool) -> None:
    """The id counters: the source's, or in a merge the target's plus the source's (every id moved)."""
    for name, value in db.execute(con, "move_source_ids"):
        db.execute(con, "move_counter_made", name=name)
        db.execute(con, "move_counters", name=name, value=value, add=merge)
