"""./run.sh and ./test.sh share one venv marker: running one after the other installs nothing.

The scripts run in a copy of the project's scripts and requirement files, with `python3` and the venv's
python replaced by stubs that write down what they were asked to do (no venv is made, nothing installed).
"""

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOG = "calls.log"
# The venv's python: records pip installs; '-m streamlit' and '-m pytest' succeed at once.
VENV_PYTHON = """#!/bin/sh
echo "$*" >> "$(dirname "$0")/../../calls.log"
exit 0
"""
# python3 on PATH: '-m venv DIR' makes DIR/bin/python the stub above.
PYTHON3 = """#!/bin/sh
echo "python3 $*" >> "$PWD/calls.log"
[ "$1 $2" = "-m venv" ] || exit 1
mkdir -p "$3/bin"
cp "$PWD/stub-python" "$3/bin/python"
"""


def _executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def project(tmp_path):
    for name in ("run.sh", "test.sh", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, tmp_path / name)
    tools = tmp_path / "tools"
    tools.mkdir()
    _executable(tools / "python3", PYTHON3)
    for tool in ("nginx", "openssl"):  # present, so test.sh asks apt for nothing
        _executable(tools / tool, "#!/bin/sh\nexit 0\n")
    _executable(tmp_path / "stub-python", VENV_PYTHON)
    return tmp_path


def run(project: Path, script: str) -> list[str]:
    """Run a script; answer the installs it made (pip calls and new venvs)."""
    log = project / LOG
    log.write_text("")
    env = {"PATH": f"{project / 'tools'}:/usr/bin:/bin", "HOME": str(project), "CHROMIUM": "/bin/true"}
    done = subprocess.run(["sh", f"./{script}"], cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [line for line in log.read_text().splitlines() if "pip install" in line or "-m venv" in line]


def test_run_after_test_and_test_after_run_install_nothing(project):
    assert run(project, "test.sh") == [
        "python3 -m venv .venv",
        "-m pip install --quiet --disable-pip-version-check -r requirements-dev.txt",
    ]
    assert run(project, "run.sh") == []  # the test venv has everything the app needs
    assert run(project, "test.sh") == []


def test_a_venv_made_by_run_gets_the_dev_requirements_once(project):
    assert run(project, "run.sh")[-1].endswith("-r requirements.txt")
    assert run(project, "test.sh")[-1].endswith("-r requirements-dev.txt")
    assert run(project, "run.sh") == []
    assert run(project, "test.sh") == []


def test_a_changed_requirement_installs_again(project):
    run(project, "test.sh")
    with open(project / "requirements.txt", "a") as requirements:
        requirements.write("one-more-package==1.0\n")
    assert run(project, "run.sh")[-1].endswith("-r requirements.txt")
    assert run(project, "test.sh")[-1].endswith("-r requirements-dev.txt")
    assert run(project, "run.sh") == []


def test_both_scripts_are_posix_sh():
    if shutil.which("dash") is None:
        pytest.skip("dash (a strict POSIX sh) is not installed")
    for script in ("run.sh", "test.sh"):
        assert subprocess.run(["dash", "-n", str(ROOT / script)]).returncode == 0
    assert os.access(ROOT / "run.sh", os.X_OK) and os.access(ROOT / "test.sh", os.X_OK)
