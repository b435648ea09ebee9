"""Speed of the written progress report (portfolio.progress_report), Word and PDF.

Two programmes, each loaded through the upload path (portfolio.ingest) into a fresh DuckDB file:
  - MAB: the demo's MAB plateau 3 report (19 stories, sub-items, other activities);
  - 2,000 stories: a generated programme of 2,000 stories in 8 lines x 5 tracks, with a previous
    report (so every story has its move since then), notes of realistic length, some amounts missing.
Per programme and format it measures, in this process: reading the figures and writing the contents
(progress_report.build), and rendering them (progress_report.render); and, as a user meets it, the
whole command `python -m portfolio report ...` in a fresh process (imports and opening the database
included). Targets (issue 12): MAB under 3 s, 2,000 stories under 20 s. Prints medians of REPEATS runs.

Run: .venv/bin/python bench/bench_progress_report.py [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portfolio import analysis, db, demo, ingest, progress_report  # noqa: E402

PAGE = re.compile(rb"/Type\s*/Page(?!s)")
TARGETS = {"MAB": 3.0, "2,000 stories": 20.0}
STORIES = 2_000
LINES = [
    f"Programmalijn {i}: {name}"
    for i, name in enumerate(
        [
            "Dienstverlening",
            "Informatiebeheer",
            "Basis op orde",
            "Data",
            "Werkplek",
            "Samenwerking",
            "Veiligheid",
            "Innovatie",
        ],
        1,
    )
]
TRACKS = ["Spoor A", "Spoor B", "Spoor C", "Spoor D", "Spoor E"]
WORDS = [
    *("planning", "leverancier", "capaciteit", "afhankelijkheid", "aanbesteding", "implementatie", "livegang"),
    *("pilot", "migratie", "koppeling", "architectuur", "beheer", "overdracht", "vertraging", "bijsturing"),
    *("risico", "afronding"),
]


def generated_csv(seed: int = 12) -> bytes:
    """2,000 stories x 2 report dates as Excel NL writes CSV (';', decimal comma), from a fixed seed."""
    rng = random.Random(seed)
    lines = [
        "Programma;Peildatum;Nr;Omschrijving;Programmalijn;Spoor;Afdeling;Budget;Besteed;Prognose;Stoplicht;Toelichting"
    ]
    stories = []
    for s in range(1, STORIES + 1):
        budget = rng.randrange(20, 900) * 1000
        stories.append((s, budget, rng.choice(LINES), rng.choice(TRACKS), f"Afdeling {rng.randrange(1, 12)}"))
    for index, date in enumerate(("31-03-2025", "30-06-2025")):
        for s, budget, line, track, owner in stories:
            spent = int(budget * rng.uniform(0.1, 0.6 + 0.3 * index))
            forecast = "" if rng.random() < 0.03 else str(int(budget * rng.uniform(0.85, 1.25)))
            light = rng.choices(["groen", "oranje", "rood", ""], [70, 20, 7, 3])[0]
            note = "" if rng.random() < 0.1 else " ".join(rng.choices(WORDS, k=rng.randrange(6, 30))).capitalize() + "."
            title = f"Story {s}: " + " ".join(rng.choices(WORDS, k=rng.randrange(2, 7)))
            lines.append(
                f"Bench 2000;{date};S{s};{title};{line};{track};{owner};{budget};{spent};{forecast};{light};{note}"
            )
    return ("\n".join(lines) + "\n").encode("utf-8")


def median_of(repeats: int, work) -> tuple[float, list[float]]:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), runs


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    repeats = parser.parse_args().repeats
    folder = Path(tempfile.mkdtemp(prefix="bench-report-"))
    path = folder / "bench.duckdb"
    con = db.connect(path)
    mab = demo.DEMO_DIR / "mab_plateau3_2018-06.xlsx"
    ingest.load_file(con, mab.read_bytes(), mab.name)
    ingest.load_file(con, generated_csv(), "bench_2000.csv")
    cases = {}
    for label, name in (("MAB", "MAB Flevoland"), ("2,000 stories", "Bench 2000")):
        programmes = analysis.programmes(con)
        programme_id = int(programmes.loc[programmes["name"] == name, "programme_id"].iloc[0])
        latest = analysis.reports(con, programme_id).iloc[0]
        cases[label] = (name, int(latest["report_id"]), latest["report_date"].date())
    print(
        f"machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f} at start"
    )
    print(f"median of {repeats} runs (each run listed); seconds\n")
    print("| programme | format | pages/size | build s | render s | in-process s | command s | target s | result |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for label, (name, report_id, date) in cases.items():
        for fmt in progress_report.FORMATS:
            document = progress_report.build(con, report_id)
            build_s, build_runs = median_of(repeats, lambda rid=report_id, c=con: progress_report.build(c, rid))
            render_s, render_runs = median_of(repeats, lambda d=document, f=fmt: progress_report.render(d, f))
            data = progress_report.render(document, fmt)
            size = f"{len(data) / 1024:,.0f} KiB"
            if fmt == "pdf":
                size = f"{len(PAGE.findall(data))} pages, " + size
            out = folder / f"out.{fmt}"
            command = [
                sys.executable,
                "-m",
                "portfolio",
                "report",
                "--db",
                str(path),
                "--programme",
                name,
                "--report-date",
                date.isoformat(),
                "--format",
                fmt,
                "-o",
                str(out),
            ]
            con.close()  # the command opens the file itself, read-only
            command_s, command_runs = median_of(
                repeats, lambda c=command: subprocess.run(c, cwd=ROOT, check=True, capture_output=True)
            )
            con = db.connect(path)
            total = build_s + render_s
            verdict = "PASS" if command_s < TARGETS[label] else "FAIL"
            print(
                f"| {label} | {fmt} | {size} | {build_s:.2f} | {render_s:.2f} | {total:.2f} | {command_s:.2f} | "
                f"{TARGETS[label]:.0f} | {verdict} |"
            )
            print(
                f"|  | runs | | {' '.join(f'{x:.2f}' for x in build_runs)} | {' '.join(f'{x:.2f}' for x in render_runs)} "
                f"| | {' '.join(f'{x:.2f}' for x in command_runs)} | | |"
            )
    con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
