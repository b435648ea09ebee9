"""The marks that let a quick run leave the slow tests out: every browser test is `browser` and `slow`."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def collected(*args: str) -> tuple[int, int]:
    """(selected, deselected) of a collection of tests/browser with these arguments."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args, "tests/browser"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    last = done.stdout.strip().splitlines()[-1]
    numbers = re.search(r"(?:(\d+)/)?(\d+) tests? collected(?: \((\d+) deselected\))?", last)
    if numbers is None:  # "no tests collected (40 deselected)"
        return 0, int(re.search(r"(\d+) deselected", last).group(1))
    total, selected, deselected = numbers.groups()
    return int(selected), int(deselected or 0)


@pytest.mark.slow  # a collection of the browser tests in a child: 10-19 s measured on the shared machine
def test_not_browser_and_not_slow_leave_every_browser_test_out():
    # one collection (each takes seconds): a browser test missing either mark would be selected
    selected, deselected = collected("-m", "not browser or not slow")
    assert selected == 0
    assert deselected > 10  # the browser tests were there to leave out
