"""Working out formulas without a calculated value: our evaluator against the `formulas` library.

    .venv/bin/python bench/bench_formulas.py              # 5,000 rows, 5 repetitions of ours, 1 of formulas
    .venv/bin/python bench/bench_formulas.py --rows 50000 --skip-library

Three workbooks of the same stories (fixed random seed), written by openpyxl as a script writes them:
- `values`: amounts only, and a totals row with typed sums (nothing to work out);
- `sum-row`: the same with `=SUM(C2:C5001)` etc. in the totals row, no calculated values;
- `story-formulas`: the `sum-row` workbook where every story's forecast is `=C{row}*1.1`.

"ours" is `portfolio.reading.read_grid` (reading the sheet, finding the formula cells, working them out) and
`portfolio.ingest.parse_export` (everything a load does before writing); CPU seconds of this process, the
least of the repetitions. "formulas" is `formulas.ExcelModel().loads(path).finish()` then `.calculate()`
(the library evaluates the whole workbook, every cell). The totals row as each worked it out is compared
with the sums of the generated amounts (plain Python), so a fast wrong answer cannot pass.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from portfolio import ingest, reading  # noqa: E402

SEED = 20251206
HEADER = ["Nr", "Omschrijving", "Budget", "Prognose", "Besteed"]


def workbooks(rows: int) -> tuple[dict[str, bytes], dict[str, list[float]]]:
    """The three workbooks, and per case the totals row's true values (budget, forecast, spent)."""
    rng = random.Random(SEED)
    budgets = [float(rng.randint(1_000, 900_000)) for _ in range(rows)]
    spent = [float(b // 2) for b in budgets]
    last = rows + 1
    out, expected = {}, {}
    for case in ("values", "sum-row", "story-formulas"):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Blad1"
        sheet.append(HEADER)
        for i, (budget, paid) in enumerate(zip(budgets, spent), start=2):
            forecast = f"=C{i}*1.1" if case == "story-formulas" else budget + 5
            sheet.append([i - 1, f"Story {i}", budget, forecast, paid])
        forecasts = [b * 1.1 for b in budgets] if case == "story-formulas" else [b + 5 for b in budgets]
        sums = [math.fsum(budgets), math.fsum(forecasts), math.fsum(spent)]
        if case == "values":
            sheet.append([None, "Totaal", *sums])
        else:
            sheet.append([None, "Totaal", f"=SUM(C2:C{last})", f"=SUM(D2:D{last})", f"=SUM(E2:E{last})"])
        buffer = io.BytesIO()
        book.save(buffer)
        out[case], expected[case] = buffer.getvalue(), sums
    return out, expected


def least(work, reps: int) -> tuple[float, object]:
    best, result = math.inf, None
    for _ in range(reps):
        start = time.process_time()
        result = work()
        best = min(best, time.process_time() - start)
    return best, result


def library(data: bytes) -> tuple[float, list[float]]:
    import formulas

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        path.write_bytes(data)
        start = time.process_time()
        solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
        seconds = time.process_time() - start
    last = max(int(key.rsplit("C", 1)[1]) for key in solution if key.endswith(tuple("0123456789")) and "!C" in key)
    values = [float(solution[f"'[book.xlsx]BLAD1'!{column}{last}"].value[0, 0]) for column in "CDE"]
    return seconds, values


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--skip-library", action="store_true", help="leave out the formulas library (slow)")
    args = parser.parse_args()
    books, expected = workbooks(args.rows)
    print(f"{'workbook':16} {'read_grid s':>11} {'parse_export s':>14} {'formulas s':>10}  totals row")
    for case, data in books.items():
        grid_seconds, grid = least(lambda data=data: reading.read_grid(data, "book.xlsx"), args.reps)
        parse_seconds, _ = least(
            lambda data=data: ingest.parse_export(data, "book.xlsx", programme="P", report_date="2025-12-31"),
            args.reps,
        )
        ours = [float(v) for v in grid.rows[args.rows + 1][2:5]]
        assert all(math.isclose(a, b, rel_tol=1e-12) for a, b in zip(ours, expected[case])), (case, ours)
        theirs = "-"
        if not args.skip_library and case != "values":
            seconds, values = library(data)
            assert all(math.isclose(a, b, rel_tol=1e-12) for a, b in zip(values, expected[case])), (case, values)
            theirs = f"{seconds:.2f}"
        print(
            f"{case:16} {grid_seconds:11.3f} {parse_seconds:14.3f} {theirs:>10}  "
            f"{grid.worked_out} worked out, equal to the generated sums"
        )


if __name__ == "__main__":
    main()
