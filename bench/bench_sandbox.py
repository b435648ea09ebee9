"""What parsing in a child process costs: `sandbox.parse_untrusted` against `ingest.parse_export` in-process.

    .venv/bin/python bench/bench_sandbox.py              # 5 repetitions each
    .venv/bin/python bench/bench_sandbox.py --reps 3

The input is bench_history_load.py's: 200,000 rows, 12 programmes x 100 report dates (1,200 reports),
comma-separated, 21.9 MiB, from a fixed seed. In one process, interleaved, medians:

- in-process: `ingest.parse_export(data, name)`;
- sandbox: `sandbox.parse_untrusted(data, name)`: the bytes sent to a child forked from the fork server,
  parse_export there under RLIMIT_AS, the ParsedExport pickled back (its size is printed);
- the first sandbox call of a process, which also starts the fork server (an interpreter importing
  portfolio.ingest): what the first upload after a server start, and every command-line load, pays;
- the same two on the first 100 rows of the input (a usual upload): the fixed cost of a child.

Memory: the growth of this process's peak resident set (VmHWM) over the sandbox runs (done first) and
over the in-process runs: the parse's own peak lands in the child, the caller holds only the result.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def peak_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()

    import bench_history_load

    from portfolio import ingest, sandbox

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.csv"
        rows = bench_history_load.write_input(path)
        data = path.read_bytes()
    print(f"input: {rows:,} rows, {len(data) / 2**20:.1f} MiB")

    start_hwm = peak_rss_mib()
    t = time.perf_counter()
    first = sandbox.parse_untrusted(data, path.name)
    cold = time.perf_counter() - t
    assert not first.errors and len(first.reports) == 1_200, first.problems
    answer_mib = len(pickle.dumps(first, protocol=pickle.HIGHEST_PROTOCOL)) / 2**20
    del first

    inside, outside = [], []
    for _ in range(args.reps):
        t = time.perf_counter()
        parsed = sandbox.parse_untrusted(data, path.name)
        outside.append(time.perf_counter() - t)
        assert not parsed.errors and len(parsed.reports) == 1_200
        del parsed
    sandbox_hwm = peak_rss_mib()
    for _ in range(args.reps):
        t = time.perf_counter()
        parsed = ingest.parse_export(data, path.name)
        inside.append(time.perf_counter() - t)
        del parsed
    inside_hwm = peak_rss_mib()

    small = b"".join(data.splitlines(keepends=True)[:101])  # the header and 100 rows: a usual upload
    small_in, small_out = [], []
    for _ in range(args.reps * 4):
        t = time.perf_counter()
        ingest.parse_export(small, path.name)
        small_in.append(time.perf_counter() - t)
        t = time.perf_counter()
        sandbox.parse_untrusted(small, path.name)
        small_out.append(time.perf_counter() - t)

    median_in, median_out = statistics.median(inside), statistics.median(outside)
    print(f"in-process parse_export    median {median_in:.3f} s   ({', '.join(f'{x:.2f}' for x in inside)})")
    print(f"sandbox parse_untrusted    median {median_out:.3f} s   ({', '.join(f'{x:.2f}' for x in outside)})")
    print(f"overhead                   {median_out - median_in:+.3f} s ({median_out / median_in:.2f}x)")
    small_in_ms, small_out_ms = statistics.median(small_in) * 1e3, statistics.median(small_out) * 1e3
    print(
        f"100 rows: in-process {small_in_ms:.1f} ms, sandbox {small_out_ms:.1f} ms ({small_out_ms - small_in_ms:+.1f} ms)"
    )
    print(f"first sandbox call         {cold:.3f} s (starts the fork server: +{cold - median_out:.2f} s)")
    print(f"answer pickled             {answer_mib:.1f} MiB")
    print(f"peak RSS of this process   start {start_hwm:.0f} MiB, after sandbox runs {sandbox_hwm:.0f} MiB,")
    print(f"                           after in-process runs {inside_hwm:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
