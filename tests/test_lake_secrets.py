"""The lake's PostgreSQL password (issue 24, item 6): taken from the environment (PGPASSWORD) or a
.pgpass file (PGPASSFILE), so PORTFOLIO_DB need not carry it; and where a URL does carry it, no
message of the command line or the app ever shows it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portfolio import db

PASSWORD = "Zeer$geheim-42"


def cli(*args: str, env: dict | None = None, data_path: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("PGPASSWORD", "PGPASSFILE", db.DB_ENV)}
    return subprocess.run(
        [sys.executable, "-m", "portfolio", *args, "--data-path", data_path],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        cwd=db.ROOT,
        timeout=180,
    )


@pytest.fixture
def password_lake(postgres, tmp_path, request):
    if isinstance(postgres, Exception):
        pytest.fail(f"the DuckLake tests need PostgreSQL: {postgres}", pytrace=False)
    return postgres.password_lake(f"secret_{abs(hash(request.node.name)) % 10**8}", PASSWORD)


def test_the_password_is_taken_from_pgpassword_or_a_pgpass_file(password_lake, tmp_path):
    data = str(tmp_path / "data")
    without = cli("reports", "--db", password_lake, data_path=data)
    assert without.returncode == 4, without.stderr
    assert "PGPASSWORD" in without.stderr and ".pgpass" in without.stderr  # what to do, not only what failed
    from_env = cli("reports", "--db", password_lake, env={"PGPASSWORD": PASSWORD}, data_path=data)
    assert from_env.returncode == 0, from_env.stderr
    assert "No reports loaded" in from_env.stdout
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:*:{PASSWORD}\n")
    pgpass.chmod(0o600)  # libpq ignores a .pgpass others can read
    from_file = cli("reports", "--db", password_lake, env={"PGPASSFILE": str(pgpass)}, data_path=data)
    assert from_file.returncode == 0, from_file.stderr
    for done in (without, from_env, from_file):
        assert PASSWORD not in done.stdout + done.stderr


@pytest.mark.parametrize("trouble", ["wrong password", "nobody listening", "right password, data path differs"])
def test_no_command_line_message_shows_a_password_written_in_the_url(password_lake, tmp_path, trouble):
    written = "wrong-" + PASSWORD if trouble == "wrong password" else PASSWORD
    url = f"{password_lake} password={written}"
    if trouble == "nobody listening":
        url = url.replace(" port=", " port=1")  # a port nobody listens on
    data = str(tmp_path / "data")
    if trouble.startswith("right"):
        assert cli("reports", "--db", url, data_path=data).returncode == 0  # the lake made with its data path
        data = str(tmp_path / "elsewhere")
    done = cli("reports", "--db", url, data_path=data)
    assert done.returncode == 4
    assert written not in done.stdout + done.stderr, done.stderr
    assert db.HIDDEN in done.stderr  # the URL is still named, without its password


# what a password may hold in a libpq connection string without quotes: no spaces, quotes or backslashes
passwords = st.text(
    st.characters(codec="utf-8", exclude_categories=["Z", "C"], exclude_characters="'\"\\"), min_size=1, max_size=40
)


@given(passwords, st.sampled_from(["password={}", "password = {}", "PASSWORD='{}'", 'password="{}"']))
def test_redact_removes_a_password_however_it_is_written(password, form):
    written = form.format(password)
    url = f"ducklake:postgres:dbname=lake host=/run/pg {written} port=5432 user=portfolio"
    message = f'Unable to connect to Postgres at "{url[len("ducklake:postgres:") :]}": FATAL'
    for text in (url, message):
        redacted = db.redact(text)
        assert redacted == text.replace(written, form.split("{}")[0].rstrip("'\"") + db.HIDDEN)
        problem = db.DatabaseUnavailable("lake_unreachable", url, message)
        for said in (str(problem), problem.text("nl"), problem.text("en"), problem.text("en", full_path=True)):
            assert written not in said


@given(passwords.filter(lambda p: not set(p) & set("@/:")))  # percent-encoded in a URI
def test_redact_removes_the_password_of_a_postgres_uri(password):
    text = f"could not connect: postgresql://portfolio:{password}@db.example.nl:5432/lake"
    assert db.redact(text) == f"could not connect: postgresql://portfolio:{db.HIDDEN}@db.example.nl:5432/lake"
