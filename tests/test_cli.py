"""`python -m portfolio ...` run as a separate process, the way a scheduled job runs it.

Figures are checked against sums computed here from the input rows (the `csv` module and a small
Dutch-number reader of its own), not against the package's own parsing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from portfolio import db
from portfolio.mapping import save_profile
from tests.conftest import CORPUS
from tests.exports import DUTCH_CSV_ROWS, dutch_csv

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = "Digitale Agenda"
# Holds the database file the way the app does, until a line arrives on stdin.
HOLDER = (
    "import duckdb, sys\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
    "con.close()\n"
)


def cli(database: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the command line in a fresh interpreter from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "portfolio", *args, "--db", str(database)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != db.DB_ENV}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def os_user() -> str:
    """The account these tests run as, by user id (what the audit log must record beside --user)."""
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


def cli_json(database: Path, *args: str, expect: int = 0) -> dict:
    done = cli(database, *args, "--json")
    assert done.returncode == expect, done.stderr
    return json.loads(done.stdout)


def all_reports(database: Path) -> list[dict]:
    return cli_json(database, "reports", "--all")["reports"]


def snapshot(database: Path | str) -> dict:
    """Every row of every table, read in this process (and closed again) to prove nothing changed."""
    if db.is_lake(database):
        con = duckdb.connect(database, config=db._lake_config())
    else:
        con = duckdb.connect(str(database), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_catalog = current_database()"
            ).fetchall()
        ]
        return {name: con.execute(f"select * from {name} order by all").fetchall() for name in sorted(tables)}
    finally:
        con.close()


def dutch_number(text: str) -> float | None:
    """'€ 2.500,00' -> 2500.0, '(1.200)' -> -1200.0, anything else (n.v.t., empty) -> None."""
    text = text.replace("€", "").replace(" ", "").strip()
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()").replace(".", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return -value if negative else value


def dutch_rows(data: bytes, header_starts: str = "Nr") -> list[dict]:
    """The story rows of a Dutch CSV: below the header, not blank, not the 'Totaal' row."""
    lines = list(csv.reader(io.StringIO(data.decode("cp1252")), delimiter=";"))
    start = next(i for i, line in enumerate(lines) if line and line[0] == header_starts)
    header = lines[start]
    return [dict(zip(header, line)) for line in lines[start + 1 :] if line and line[0] and line[0] != "Totaal"]


def total(values) -> float | None:
    """Missing is not zero: the sum of the given amounts, None when none was given."""
    given = [v for v in values if v is not None]
    return round(sum(given), 2) if given else None


@pytest.fixture
def database(store) -> Path | str:
    """The store the commands are given with --db: a DuckDB file, or a DuckLake (its data path from
    $PORTFOLIO_DATA_PATH, which the commands inherit)."""
    return Path(store) if not db.is_lake(store) else store


@pytest.fixture
def file_database(tmp_path) -> Path:
    """A DuckDB file, for what only a file has: a lock another process holds."""
    return tmp_path / "cli.duckdb"


@pytest.fixture
def export(tmp_path) -> Path:
    path = tmp_path / "voortgang_q1.csv"
    path.write_bytes(dutch_csv())
    return path


# --- load ---------------------------------------------------------------------------------------------


def test_a_dutch_cp1252_csv_loads_with_totals_equal_to_the_rows(database, export):
    data = export.read_bytes()
    assert b"\x80" in data  # the euro sign as Excel NL writes it in cp1252
    rows = dutch_rows(data)
    expected = {
        "budget": total(dutch_number(r["Begroting\n(€)"]) for r in rows),
        "spent": total(dutch_number(r["Besteed"]) for r in rows),
        "forecast": total(dutch_number(r["Prognose"]) for r in rows),
    }
    result = cli_json(database, "load", str(export), "--programme", PROGRAMME, "--user", "planner")
    assert result["status"] == "loaded"
    assert (result["programme"], result["report_date"], result["currency"]) == (PROGRAMME, "2025-03-31", "EUR")
    assert result["rows"] == len(rows) == 3
    assert result["totals"] == pytest.approx(expected)
    assert (result["version"], result["replaced"]) == (1, None)
    assert [r["report_id"] for r in result["reports"]] == [result["report_id"]]
    assert {(w["row"], w["column"]) for w in result["warnings"]} == {(8, "Besteed")}
    # 'n.v.t.' is a known word for no value: said once per column; the totals row was checked
    assert {(n["key"], n["column"]) for n in result["notes"]} == {
        ("no_value_words", "Besteed"),
        ("totals_checked", None),
    }
    [listed] = all_reports(database)
    assert listed["report_id"] == result["report_id"]
    assert listed["loaded_by"] == f"planner (os: {os_user()})"
    assert listed["totals"] == pytest.approx(expected)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="the OS user is read by user id (POSIX)")
def test_a_name_given_with_user_is_recorded_beside_the_os_user_that_ran_the_command(database, export, tmp_path):
    """--user is a claim anyone can make; the audit log also names the account that ran the load.
    $USER and $LOGNAME are set to another name here: they are not trusted either."""
    account = os_user()
    spoofed = _env() | {"USER": "mallory", "LOGNAME": "mallory", "LNAME": "mallory", "USERNAME": "mallory"}

    def load(path: Path, *user: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "portfolio", "load", str(path), "--programme", PROGRAMME, *user]
            + ["--db", str(database), "--json"],
            cwd=ROOT,
            env=spoofed,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    second, third = tmp_path / "q2.csv", tmp_path / "q3.csv"
    for path, date in ((second, "30-06-2025"), (third, "30-09-2025")):
        path.write_bytes(dutch_csv([r.replace("31-03-2025", date) for r in DUTCH_CSV_ROWS]))
    given = load(export, "--user", "directeur")
    default = load(second)
    forged = load(third, "--user", f"eve (os: {account})\nloaded_by=admin")
    by = {r["report_id"]: r["loaded_by"] for r in all_reports(database)}
    assert by[given["report_id"]] == f"directeur (os: {account})"
    assert by[default["report_id"]] == account  # the OS user alone, not $USER
    assert by[forged["report_id"]] == f"eve os: {account} loaded_by=admin (os: {account})"  # one line, one 'os:'
    actors = {row[1] for row in snapshot(database)["audit_log"]}
    assert actors == {f"directeur (os: {account})", account, f"eve os: {account} loaded_by=admin (os: {account})"}


def test_without_json_the_load_says_what_it_did_and_warns_on_stderr(database, export):
    done = cli(database, "load", str(export), "--programme", PROGRAMME)
    assert done.returncode == 0, done.stderr
    assert "Loaded report 1" in done.stdout and "146,000.00" in done.stdout
    assert "warning: row 8, column 'Besteed'" in done.stderr
    assert "note: column 'Besteed': 1 cell(s) say there is no value (n.v.t.)" in done.stderr


def test_a_refused_file_names_row_and_column_and_writes_nothing(database, export):
    cli_json(database, "load", str(export), "--programme", PROGRAMME)
    before_listing, before_tables = all_reports(database), snapshot(database)
    rows = DUTCH_CSV_ROWS[:-1] + [";Zonder nummer;Fundament;€ 10,00;;;groen"] + DUTCH_CSV_ROWS[-1:]
    bad = export.with_name("kapot.csv")
    bad.write_bytes(dutch_csv(rows))
    done = cli(database, "load", str(bad), "--programme", "Ander programma", "--json")
    assert done.returncode == 2
    assert "row 9, column 'Nr'" in done.stderr
    assert "nothing was written" in done.stderr
    refused = json.loads(done.stdout)
    assert refused["status"] == "refused"
    assert [(e["row"], e["column"], e["key"]) for e in refused["errors"]] == [(9, "Nr", "missing_code")]
    assert all_reports(database) == before_listing
    assert snapshot(database) == before_tables


def test_the_same_file_again_is_already_loaded_and_writes_nothing(database, export):
    first = cli_json(database, "load", str(export), "--programme", PROGRAMME)
    before = snapshot(database)
    again = cli(database, "load", str(export), "--programme", PROGRAMME, "--json")
    assert again.returncode == 0
    result = json.loads(again.stdout)
    assert result["status"] == "already_loaded"
    assert result["report_id"] == first["report_id"]
    assert result["totals"] == first["totals"]
    assert "already loaded: Digitale Agenda, report date 31 March 2025" in again.stderr
    assert snapshot(database) == before


def test_a_changed_file_for_the_same_date_needs_replace_and_becomes_version_2(database, export):
    first = cli_json(database, "load", str(export), "--programme", PROGRAMME)
    rows = [r.replace("€ 2.500,00", "€ 3.500,00") for r in DUTCH_CSV_ROWS[:-1]]  # A1's budget changed
    changed = export.with_name("voortgang_q1_v2.csv")
    changed.write_bytes(dutch_csv(rows))
    before = snapshot(database)
    refused = cli(database, "load", str(changed), "--programme", PROGRAMME)
    assert refused.returncode == 2
    assert "already has a report dated 31 March 2025" in refused.stderr and "--replace" in refused.stderr
    assert snapshot(database) == before
    second = cli_json(database, "load", str(changed), "--programme", PROGRAMME, "--replace")
    assert (second["version"], second["replaced"]) == (2, first["report_id"])
    assert second["totals"]["budget"] == first["totals"]["budget"] + 1000
    current = cli_json(database, "reports")["reports"]
    assert [(r["report_id"], r["version"]) for r in current] == [(second["report_id"], 2)]
    versions = {r["version"]: r for r in all_reports(database)}
    assert (versions[1]["is_current"], versions[2]["is_current"]) == (False, True)
    assert versions[1]["totals"] == first["totals"]  # the earlier version is kept as it was


def test_strict_refuses_a_file_with_warnings(database, export):
    done = cli(database, "load", str(export), "--programme", PROGRAMME, "--strict")
    assert done.returncode == 2
    assert "error: row 8, column 'Besteed': Negative amount (-€1,200)" in done.stderr
    assert "n.v.t." not in done.stderr  # a known word for no value is a note, not a warning
    assert all_reports(database) == []


def test_a_mapping_profile_and_unit_are_applied(database, export, tmp_path):
    profile = tmp_path / "profiel.json"
    save_profile(profile, "Digitale Agenda", {"code": "Nr", "budget": "Begroting\n(€)"}, {"unit": 1000})
    rows = dutch_rows(export.read_bytes())
    result = cli_json(database, "load", str(export), "--programme", PROGRAMME, "--mapping", str(profile))
    assert result["totals"]["budget"] == pytest.approx(total(dutch_number(r["Begroting\n(€)"]) for r in rows) * 1000)
    assert (result["totals"]["spent"], result["totals"]["forecast"]) == (None, None)  # not mapped: missing


def test_usage_errors_exit_2(database, export):
    assert cli(database, "load", str(export), "--report-date", "31-03-2025").returncode == 2
    missing = cli(database, "load", str(export.with_name("nope.csv")), "--programme", "P")
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_uk_major_projects_export_loads_in_pounds(database):
    path = CORPUS / "uk_gmpp_co_ar_data_march2024.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    def pounds(column):
        given = []
        for row in rows:
            try:
                given.append(float(row[column]) * 1e6)
            except ValueError:
                pass
        return sum(given)

    result = cli_json(database, "load", str(path), "--programme", "GMPP CO", "--report-date", "2024-03-31")
    assert result["currency"] == "GBP"
    assert result["rows"] == len(rows)
    assert result["totals"]["budget"] == pytest.approx(
        pounds("Financial Year Baseline (£m) (including Non-Government Costs)")
    )
    assert result["totals"]["forecast"] == pytest.approx(
        pounds("Financial Year Forecast (£m) (including Non-Government Costs)")
    )
    assert result["totals"]["spent"] is None  # the export has no spend column: missing, not zero


# --- summary ------------------------------------------------------------------------------------------

SUMMARY_ROWS = [
    # code, line, track, parent, budget, spent, forecast, status, counts
    ("1", "Basis", "Data", "", "100,00", "40,00", "120,00", "rood", "ja"),
    ("2", "Basis", "Cloud", "", "200,00", "50,00", "", "groen", "ja"),
    ("3", "Dienst", "Data", "", "300,00", "", "250,00", "oranje", "ja"),
    ("4", "Dienst", "", "", "", "", "", "", "ja"),
    ("3.1", "Dienst", "Data", "3", "120,00", "", "", "groen", "ja"),  # sub-item: inside its parent
    ("X", "Overig", "", "", "999,00", "", "", "rood", "nee"),  # outside the totals
]
STATUS_WORDS = {"rood": "red", "oranje": "amber", "groen": "green", "": "unknown"}


def summary_export(path: Path) -> Path:
    lines = ["Nr;Titel;Programmalijn;Spoor;Hoort bij;Budget;Besteed;Prognose;Stoplicht;Telt mee"]
    lines += [";".join([code, f"Story {code}", *rest]) for code, *rest in SUMMARY_ROWS]
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


def expected_groups(key: int) -> dict:
    """Per line (key 1) or track (key 2), from the rows that count: top level and 'ja'."""
    groups: dict = {}
    for row in SUMMARY_ROWS:
        if row[3] or row[8] != "ja":
            continue
        groups.setdefault(row[key] or None, []).append(row)
    out = {}
    for name, members in groups.items():
        out[name] = {
            "n_stories": len(members),
            "budget": total(dutch_number(r[4]) for r in members),
            "spent": total(dutch_number(r[5]) for r in members),
            "forecast": total(dutch_number(r[6]) for r in members),
            **{f"n_{colour}": sum(STATUS_WORDS[r[7]] == colour for r in members) for colour in STATUS_WORDS.values()},
        }
    return out


def test_summary_gives_totals_per_line_and_per_track_equal_to_the_rows(database, export, tmp_path):
    source = summary_export(tmp_path / "som.csv")
    loaded = cli_json(database, "load", str(source), "--programme", "Som", "--report-date", "2025-06-30")
    cli_json(database, "load", str(export), "--programme", PROGRAMME)  # loaded later: the default
    assert cli_json(database, "summary")["programme"] == PROGRAMME
    result = cli_json(database, "summary", "--programme", "Som", "--report-date", "2025-06-30")
    assert (result["report_id"], result["report_date"]) == (loaded["report_id"], "2025-06-30")
    assert result["currency"] == "EUR"
    counted = [r for r in SUMMARY_ROWS if not r[3] and r[8] == "ja"]
    assert result["totals"]["n_stories"] == len(counted) == 4
    assert result["totals"]["budget"] == total(dutch_number(r[4]) for r in counted) == 600.0
    assert result["totals"]["spent"] == total(dutch_number(r[5]) for r in counted) == 90.0
    assert result["totals"]["forecast"] == total(dutch_number(r[6]) for r in counted) == 370.0
    per_line, per_track = expected_groups(1), expected_groups(2)
    measures = list(per_line["Basis"])
    assert {g["programme_line"]: {k: g[k] for k in measures} for g in result["per_line"]} == per_line
    assert {g["track"]: {k: g[k] for k in measures} for g in result["per_track"]} == per_track
    assert per_track[None]["forecast"] is None  # story 4 gave no forecast: missing, not 0


def test_summary_of_an_unknown_programme_exits_2(database, export):
    cli_json(database, "load", str(export), "--programme", PROGRAMME)
    done = cli(database, "summary", "--programme", "Bestaat niet", "--json")
    assert done.returncode == 2 and "no programme 'Bestaat niet'" in done.stderr


# --- reports, restore, delete --------------------------------------------------------------------------


def test_reports_all_restore_and_delete(database, export, tmp_path):
    other = cli_json(
        database, "load", str(summary_export(tmp_path / "som.csv")), "--programme", "Som", "--report-date", "2025-06-30"
    )
    first = cli_json(database, "load", str(export), "--programme", PROGRAMME)
    changed = export.with_name("v2.csv")
    changed.write_bytes(dutch_csv([r.replace("€ 18.500,00", "€ 20.500,00") for r in DUTCH_CSV_ROWS]))
    second = cli_json(database, "load", str(changed), "--programme", PROGRAMME, "--replace")

    current = cli_json(database, "reports")["reports"]
    assert sorted(r["report_id"] for r in current) == sorted([other["report_id"], second["report_id"]])
    everything = {r["report_id"]: r for r in all_reports(database)}
    assert set(everything) == {other["report_id"], first["report_id"], second["report_id"]}
    assert everything[first["report_id"]]["is_current"] is False
    assert everything[first["report_id"]]["source_file"] == export.name
    assert everything[second["report_id"]]["rows"] == 3
    table = cli(database, "reports", "--all")
    assert table.returncode == 0 and "voortgang_q1.csv" in table.stdout and "v2.csv" in table.stdout

    restored = cli_json(database, "restore", str(first["report_id"]), "--user", "controller")
    assert restored["status"] == "restored"
    versions = {r["report_id"]: r["is_current"] for r in all_reports(database)}
    assert (versions[first["report_id"]], versions[second["report_id"]]) == (True, False)
    summary = cli_json(database, "summary", "--programme", PROGRAMME)
    assert summary["report_id"] == first["report_id"]
    assert summary["totals"]["budget"] == first["totals"]["budget"]

    before = snapshot(database)
    unconfirmed = cli(database, "delete", str(second["report_id"]))
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    assert snapshot(database) == before
    deleted = cli_json(database, "delete", str(second["report_id"]), "--yes", "--user", "controller")
    assert deleted["versions_removed"] == 2
    assert [r["report_id"] for r in all_reports(database)] == [other["report_id"]]
    after = snapshot(database)
    assert {row[0] for row in after["stories"]} == {other["report_id"]}  # their stories are gone too
    audit = [(actor, action, report_id) for _, actor, action, report_id, _ in after["audit_log"]]
    assert (f"controller (os: {os_user()})", "restore", first["report_id"]) in audit
    assert (f"controller (os: {os_user()})", "delete", second["report_id"]) in audit

    for command in (["restore", "999"], ["delete", "999", "--yes"]):
        unknown = cli(database, *command)
        assert unknown.returncode == 2 and "no report with id 999" in unknown.stderr


def test_the_queries_behind_these_commands_say_what_they_answer():
    source = (ROOT / "portfolio" / "manage.py").read_text(encoding="utf-8")
    for name in ("history", "report_versions", "restore_report", "delete_stories", "delete_reports"):
        assert db.sql(name).lstrip().startswith("--"), f"{name}.sql must say what it answers"
        assert f'"{name}"' in source


# --- a database held by another process ----------------------------------------------------------------


@pytest.fixture
def holder(file_database):
    """A separate process holding the database file open until it is told to let go."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(file_database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "locked"
        yield process
    finally:
        if process.poll() is None:
            process.stdin.close()  # end of input: it closes the file and exits
            process.wait(timeout=30)
        process.stdout.close()


def test_a_load_waits_for_the_database_and_loads_once_it_is_released(file_database, export, holder):
    database = file_database
    load = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "portfolio",
            "load",
            str(export),
            "--programme",
            PROGRAMME,
            "--json",
            "--wait",
            "20",
            "--db",
            str(database),
        ],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        waiting = load.stderr.readline()
        assert "is in use by another process" in waiting and str(database) in waiting and "waiting" in waiting
        holder.stdin.write("release\n")
        holder.stdin.flush()
        assert holder.wait(timeout=30) == 0
        out, err = load.communicate(timeout=60)
    finally:
        if load.poll() is None:
            load.kill()
            load.wait()
    assert load.returncode == 0, err
    result = json.loads(out)
    assert result["status"] == "loaded" and result["totals"]["budget"] == 146_000.0
    assert [r["report_id"] for r in all_reports(database)] == [result["report_id"]]


def test_a_load_gives_up_with_exit_3_when_the_database_stays_held(file_database, export, holder):
    database = file_database
    done = cli(database, "load", str(export), "--programme", PROGRAMME, "--wait", "1")
    assert done.returncode == 3
    assert str(database) in done.stderr
    assert "in use by another process" in done.stderr
    assert "upload the file through the app" in done.stderr and "Retry" in done.stderr
    assert done.stdout == ""
    holder.stdin.close()
    assert holder.wait(timeout=30) == 0
    assert all_reports(database) == []  # nothing was written
