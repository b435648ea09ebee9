"""Loading speed: `portfolio.ingest.load_file` against the readers it is held to, measured in the same run.

    .venv/bin/python bench/bench_load.py            # 5 repetitions of each measurement
    .venv/bin/python bench/bench_load.py --reps 3 --keep /tmp/bench   # keep the inputs

Inputs are generated into a temporary directory with a fixed random seed (the same bytes every run):
- a 200,000-row report history (2,000 stories x 100 report dates) as Excel NL writes CSV: ';',
  decimal comma, thousands dots, euro signs, once in UTF-8 and once in cp1252;
- a 50,000-row workbook (1,000 stories x 50 report dates) with numbers, dates and text cells.

Every measurement runs in a fresh Python process (no warm caches carried over between repetitions),
against a fresh DuckDB file, timed around the work only (imports and opening the database are not
timed). The figure is the median of the repetitions. Targets from the issue:
- CSV: parse + commit through load_file within 8x DuckDB's own read_csv of the same file, both
  as `create table ... as select * from read_csv(...)` into a fresh file (the strict baseline) and
  as `select * from read_csv(...)` fetched into Python (`fetchall`);
- XLSX: load + commit within 1.5x `pandas.read_excel(path, engine="calamine")`.
Peak memory: ru_maxrss of the worker process (whole process, imports included) and, in one extra
untimed run, the tracemalloc peak of the measured work (Python allocations only; DuckDB's own
memory is not traced).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20250331
CSV_STORIES, CSV_DATES = 2_000, 100
XLSX_STORIES, XLSX_DATES = 1_000, 50
HEADER = [
    "Programma",
    "Peildatum",
    "Nr",
    "Omschrijving",
    "Programmalijn",
    "Spoor",
    "Budget",
    "Besteed",
    "Prognose",
    "Stoplicht",
    "Toelichting",
]
LINES = ["1. Basis op orde", "2. Digitaal in verbinding", "3. Ruimte: eenvoudig en beter", "4. Data en informatie"]
TRACKS = ["Dienstverlening", "Fundament", "Informatiebeveiliging", "Zaakgericht werken", "Data", "Cloud", "Personeel"]
WORDS = [
    "zaakgericht",
    "werken",
    "e-formulieren",
    "datacenter",
    "cloud",
    "archief",
    "digitaal",
    "loket",
    "basisregistratie",
    "privacy",
    "beveiliging",
    "werkplek",
    "portaal",
    "koppeling",
    "migratie",
    "vervanging",
]
LIGHTS = ["groen"] * 6 + ["Groen", "oranje", "Oranje", "ROOD", "rood", "", "Groen (afgeleid)", "onbekend", "G", "A"]
NOTES = [
    "Volgens planning.",
    "Aanbesteding loopt; gunning verwacht in het volgende kwartaal.",
    "Vertraging door capaciteitstekort bij de leverancier; bijsturing via de stuurgroep.",
    "Afgerond; nazorg tot einde jaar.",
    'Scope uitgebreid met "koppeling BRP"; budget ongewijzigd.',
    "Risico: afhankelijk van landelijke voorziening; zie risicolog.",
    "Nog niet gestart.",
    "",
]


# --- inputs -------------------------------------------------------------------------------------------


def month_ends(first_year: int, count: int) -> list[dt.date]:
    dates, year, month = [], first_year, 1
    for _ in range(count):
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        dates.append(nxt - dt.timedelta(days=1))
        year, month = nxt.year, nxt.month
    return dates


def nl_amount(value: float, rng: random.Random) -> str:
    """2.500,00 in one of the ways Dutch exports write it."""
    whole, cents = divmod(round(value * 100), 100)
    grouped = f"{whole:,}".replace(",", ".")
    style = rng.random()
    if style < 0.55:
        return f"€ {grouped},{cents:02d}"
    if style < 0.85:
        return f"{grouped},{cents:02d}"
    if style < 0.95 and cents == 0:
        return grouped
    return f"€{grouped},{cents:02d}"


def stories(rng: random.Random, count: int) -> list[dict]:
    out = []
    for i in range(count):
        line = i % len(LINES)
        code = str(i) if i % 5 else f"{line + 1}{chr(65 + i % 26)}{i}"
        title = " ".join(rng.sample(WORDS, 3)).capitalize() + f" {i}"
        if i % 97 == 0:
            title += "; fase 2"  # a delimiter inside a quoted cell
        budget = rng.choice([25, 50, 75, 100, 125, 250, 400, 500, 750, 1_000, 2_500]) * 1_000.0
        out.append(
            {
                "code": code,
                "title": title,
                "line": LINES[line],
                "track": rng.choice(TRACKS),
                "budget": budget,
                "pace": rng.uniform(0.3, 1.3),
                "forecast": budget * rng.choice([0.9, 1.0, 1.0, 1.0, 1.05, 1.2]),
            }
        )
    return out


def history_rows(rng: random.Random, n_stories: int, n_dates: int, *, as_text: bool) -> list[list]:
    """One row per story per report date; text cells in Dutch notation, or typed cells for Excel."""
    dates = month_ends(2017, n_dates)
    pool = stories(rng, n_stories)
    rows = []
    for t, date in enumerate(dates):
        progress = (t + 1) / n_dates
        for s in pool:
            if rng.random() < 0.02:  # budgets and forecasts move now and then
                s["budget"] = round(s["budget"] * rng.choice([0.9, 1.1, 1.25]), -3)
                s["forecast"] = round(s["budget"] * rng.choice([0.95, 1.0, 1.1]), -2)
            spent = round(s["budget"] * min(1.0, progress * s["pace"]) * rng.uniform(0.97, 1.0), 2)
            note = rng.choice(NOTES)
            if rng.random() < 0.05:
                note = f"Stand {date:%m-%Y}: {round(100 * spent / s['budget'])}% besteed."
            if rng.random() < 0.002:
                note = "Let op:\nzie bijlage; tweede regel."  # a line break inside a cell
            light = rng.choice(LIGHTS)
            odd = rng.random()
            if as_text:
                budget, forecast = nl_amount(s["budget"], rng), nl_amount(s["forecast"], rng)
                besteed = nl_amount(spent, rng) if spent else ""
                if odd < 0.002:
                    besteed = "n.v.t."  # text in an amount column: a warning with row and column
                elif odd < 0.003:
                    besteed = "(1.200,00)"  # a correction: negative, a warning
                peildatum = date.strftime("%d-%m-%Y")
            else:
                budget, forecast = s["budget"], s["forecast"]
                besteed = spent if spent else None
                if odd < 0.002:
                    besteed = "n.v.t."
                peildatum = dt.datetime(date.year, date.month, date.day)
            if odd > 0.999:
                light = "paars"  # an unknown traffic light: a warning
            code = s["code"] if as_text or not s["code"].isdigit() else int(s["code"])
            rows.append(
                ["Digitale Agenda 2030", peildatum, code, s["title"], s["line"], s["track"], budget, besteed, forecast]
                + [light, note]
            )
    return rows


def write_csv(path: Path, rows: list[list], encoding: str) -> None:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(path: Path, rows: list[list]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Voortgang")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)


def make_inputs(directory: Path) -> dict[str, Path]:
    rng = random.Random(SEED)
    text_rows = history_rows(rng, CSV_STORIES, CSV_DATES, as_text=True)
    inputs = {"csv-utf8": directory / "history_utf8.csv", "csv-cp1252": directory / "history_cp1252.csv"}
    write_csv(inputs["csv-utf8"], text_rows, "utf-8")
    write_csv(inputs["csv-cp1252"], text_rows, "cp1252")
    inputs["xlsx"] = directory / "history.xlsx"
    write_xlsx(inputs["xlsx"], history_rows(random.Random(SEED + 1), XLSX_STORIES, XLSX_DATES, as_text=False))
    return inputs


# --- one measurement, in its own process ----------------------------------------------------------------


def _work(kind: str, path: Path, db_file: Path):
    """Return a callable doing the measured work; everything before it (imports, connect) is untimed."""
    import duckdb

    if kind == "ours":
        sys.path.insert(0, str(ROOT))
        from portfolio import db, ingest

        con = db.connect(db_file)

        def run():
            parsed, committed = ingest.load_file(con, path.read_bytes(), path.name, loaded_by="bench")
            return {"reports": len(committed), "rows": sum(c.rows for c in committed), "problems": len(parsed.problems)}

        return run, con
    if kind in ("duckdb-ctas", "duckdb-fetchall"):
        con = duckdb.connect(str(db_file))
        options = {"p": str(path)}
        select = (
            "select * from read_csv($p, delim=';', header=true, decimal_separator=',', quote='\"', encoding='utf-8')"
        )

        def run():
            if kind == "duckdb-ctas":
                con.execute("begin transaction")
                con.execute("create table t as " + select, options)
                con.execute("commit")
                return {"rows": con.execute("select count(*) from t").fetchall()[0][0]}
            return {"rows": len(con.execute(select, options).fetchall())}

        return run, con
    if kind == "pandas-calamine":
        import pandas as pd

        def run():
            return {"rows": len(pd.read_excel(path, engine="calamine"))}

        return run, None
    raise ValueError(kind)


def worker(kind: str, path: Path, db_file: Path, trace: bool) -> dict:
    run, con = _work(kind, path, db_file)
    path.read_bytes()  # the file in the page cache for every contender alike
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    if trace:
        result["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    if con is not None:
        con.close()
    result.update(
        seconds=seconds,
        rss_before_mb=rss_before / 1024,
        rss_peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
    return result


def measure(kind: str, path: Path, directory: Path, rep: int, trace: bool = False) -> dict:
    db_file = directory / f"{kind}-{path.stem}-{rep}{'-trace' if trace else ''}.duckdb"
    db_file.unlink(missing_ok=True)
    args = [sys.executable, __file__, "--worker", kind, str(path), str(db_file)] + (["--trace"] if trace else [])
    out = subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT)
    db_file.unlink(missing_ok=True)
    db_file.with_suffix(".duckdb.wal").unlink(missing_ok=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- the table ------------------------------------------------------------------------------------------


CASES = [
    # our input, baseline, the baseline's input, target ratio. DuckDB reads no cp1252 without its
    # 'encodings' extension (a download), so its baseline for the cp1252 file is the UTF-8 twin:
    # the same rows, 0.8 MiB more bytes (the euro sign takes three bytes instead of one).
    ("csv-utf8", "duckdb-ctas", "csv-utf8", 8.0),
    ("csv-utf8", "duckdb-fetchall", "csv-utf8", 8.0),
    ("csv-cp1252", "duckdb-ctas", "csv-utf8", 8.0),
    ("csv-cp1252", "duckdb-fetchall", "csv-utf8", 8.0),
    ("xlsx", "pandas-calamine", "xlsx", 1.5),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    parser.add_argument("--only", help="run only the cases whose input starts with this (csv, xlsx)")
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "PATH", "DB"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, path, db_file = args.worker
        print(json.dumps(worker(kind, Path(path), Path(db_file), args.trace)))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        inputs = make_inputs(directory)
        print(f"inputs written in {time.perf_counter() - started:.1f} s to {directory}")
        for name, path in inputs.items():
            print(f"  {name}: {path.stat().st_size / 2**20:.1f} MiB")
        cases = [c for c in CASES if not args.only or c[0].startswith(args.only)]
        ours_cache: dict[str, dict] = {}
        table = []
        for name, baseline, base_input, target in cases:
            path = inputs[name]
            base_runs, our_runs = [], []
            for rep in range(args.reps):  # interleaved, so drift in the machine hits both alike
                base_runs.append(measure(baseline, inputs[base_input], directory, rep))
                if name not in ours_cache:
                    our_runs.append(measure("ours", path, directory, rep))
            if name in ours_cache:
                ours = ours_cache[name]
            else:
                traced = measure("ours", path, directory, 0, trace=True)
                ours = {
                    "seconds": statistics.median(r["seconds"] for r in our_runs),
                    "all": [r["seconds"] for r in our_runs],
                    "rss": max(r["rss_peak_mb"] for r in our_runs),
                    "rss_before": min(r["rss_before_mb"] for r in our_runs),
                    "traced": traced["traced_peak_mb"],
                    "rows": our_runs[0]["rows"],
                    "reports": our_runs[0]["reports"],
                    "problems": our_runs[0]["problems"],
                }
                ours_cache[name] = ours
            base = statistics.median(r["seconds"] for r in base_runs)
            ratio = ours["seconds"] / base
            table.append((name, baseline, base_runs[0]["rows"], base, ours, ratio, target))
            print(
                f"  {name} vs {baseline}: baseline {[round(r['seconds'], 3) for r in base_runs]}, "
                f"ours {[round(s, 3) for s in ours['all']]}, rss {max(r['rss_peak_mb'] for r in base_runs):.0f} MiB baseline"
            )

    print()
    print(
        f"{'input':<11} {'baseline':<16} {'rows':>7} {'reports':>7} {'base s':>7} {'ours s':>7} {'ratio':>6} "
        f"{'target':>6} {'maxrss MiB':>10} {'(work)':>7} {'traced MiB':>10}  result"
    )
    failed = False
    for name, baseline, rows, base, ours, ratio, target in table:
        ok = ratio <= target and ours["rows"] == rows
        failed |= not ok
        print(
            f"{name:<11} {baseline:<16} {rows:>7} {ours['reports']:>7} {base:>7.3f} {ours['seconds']:>7.3f} "
            f"{ratio:>6.2f} {target:>6.1f} {ours['rss']:>10.0f} {ours['rss'] - ours['rss_before']:>+7.0f} "
            f"{ours['traced']:>10.0f}  {'PASS' if ok else 'FAIL'}"
        )
    print(
        "\nseconds: median of the repetitions, each in a fresh process. maxrss: peak resident size of our worker "
        "process (imports and the open database included); (work): its growth during the load. traced: "
        "tracemalloc peak of the load (Python allocations only), measured in one extra run."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
