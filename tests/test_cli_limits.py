"""The command line's bounds, measured on the process: a file larger than the page takes is refused by
its size before it is read, with the page's limit, exit 2 and a message."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from portfolio import reading
from tests.test_cli import ROOT, _env

# Runs the command as its only child and prints the child's peak resident memory (KiB) last.
MEASURED = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(done.returncode)\n"
)


def measured_cli(*args: str, stdin=None) -> tuple[subprocess.CompletedProcess, int, float]:
    """`python -m portfolio ARGS` in a fresh process: what it said, its peak resident memory in MiB and
    its wall time in seconds."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, sys.executable, "-m", "portfolio", *args],
        cwd=ROOT,
        env=_env(),
        stdin=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    *said, peak = done.stderr.rstrip("\n").split("\n")
    done.stderr = "\n".join(said)
    return done, int(peak) // 1024, time.monotonic() - started


@pytest.fixture(scope="module")
def baseline() -> int:
    """The peak resident memory (MiB) of starting the command and doing nothing."""
    started, peak, _ = measured_cli("load", "--help")
    assert started.returncode == 0
    return peak


def test_a_file_over_the_limit_is_refused_by_its_size_before_it_is_read(tmp_path, baseline):
    """A scheduled job is pointed at a 300 MB export (a sparse file: no disk used); the command
    refuses it with the page's limit and takes no more memory than starting the command does."""
    database = tmp_path / "store.duckdb"
    big = tmp_path / "huge.csv"
    with open(big, "wb") as file:
        file.truncate(300 * 2**20)
    assert reading.MAX_UPLOAD_BYTES == 40 * 2**20  # the page's limit, one constant for both
    done, peak, seconds = measured_cli("load", str(big), "--db", str(database), "--json")
    assert done.returncode == 2, done.stderr
    assert "error: The file is 300 MB; the limit is 40 MB." in done.stderr
    assert "Traceback" not in done.stderr
    answer = json.loads(done.stdout)
    assert answer["status"] == "refused" and [e["key"] for e in answer["errors"]] == ["too_large"]
    assert not database.exists()  # refused before the database was opened
    # reading it whole took 450 MB here (the issue: 442 MB); starting the command takes about 150 MB
    assert peak < baseline + 60, (peak, baseline)
    print(f"refused in {seconds:.2f} s, peak {peak} MiB (the command's start alone: {baseline} MiB)")


def test_a_pipe_longer_than_the_limit_is_refused_after_the_limit(tmp_path, baseline):
    """A file read from a pipe has no size to check: no more than the limit is read, then refused."""
    database = tmp_path / "store.duckdb"
    feeder = subprocess.Popen(["head", "-c", str(100 * 2**20), "/dev/zero"], stdout=subprocess.PIPE)
    try:
        done, peak, _ = measured_cli("load", "/dev/stdin", "--db", str(database), stdin=feeder.stdout)
    finally:
        feeder.stdout.close()
        feeder.wait()
    assert done.returncode == 2, done.stderr
    assert "error: The file is larger than the limit of 40 MB." in done.stderr
    assert "Traceback" not in done.stderr
    assert peak < baseline + 100, (peak, baseline)  # at most the limit (40 MB) was read
