"""Stores for the tests: a DuckDB file as it was at an old schema version, and DuckLakes on a PostgreSQL
the tests start themselves (tests/conftest.py: the `postgres` and `store` fixtures)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import duckdb

from portfolio import db

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def old_file_store(path: Path, version: int, copy_from: duckdb.DuckDBPyConnection | None = None) -> None:
    """A DuckDB file at schema `version` (< 11) made by the migrations of that time, with the rows of
    copy_from's tables (the columns the old tables have) when given."""
    con = duckdb.connect(str(path))
    con.execute("create table schema_version (version integer not null, applied_at timestamp not null)")
    for script in sorted(db.MIGRATIONS_DIR.glob("*.sql")):
        number = int(script.name.split("_", 1)[0])
        if number > version:
            break
        text = script.read_text(encoding="utf-8")
        con.execute(text)
        for name in re.findall(r"^-- then: (\w+)\s*$", text, flags=re.M):
            con.execute(db.sql(name), dict.fromkeys(re.findall(r"\$(\w+)", db.sql(name))) or None).fetchall()
        con.execute("insert into schema_version values (?, current_timestamp)", [number])
    if copy_from is not None:
        for table in ("programmes", "reports", "stories", "story_baselines", "audit_log"):
            old = [c for (c,) in con.execute(f"select column_name from (describe {table})").fetchall()]
            new = {c for (c,) in copy_from.execute(f"select column_name from (describe {table})").fetchall()}
            columns = ", ".join(c for c in old if c in new)
            rows = copy_from.execute(f"select {columns} from {table}").arrow()  # noqa: F841 (read by DuckDB)
            con.execute(f"delete from {table}")
            con.execute(f"insert into {table} ({columns}) select * from rows")
    con.close()


class PostgresUnavailable(RuntimeError):
    pass


class Postgres:
    """A PostgreSQL 15 of the tests' own: initdb into a temporary directory, run as the 'postgres' user
    (PostgreSQL refuses to run as root) on a free port, its socket in that directory; stop() ends it."""

    def __init__(self) -> None:
        if not (PG_BIN / "initdb").exists():
            raise PostgresUnavailable(
                f"PostgreSQL 15 is not installed ({PG_BIN}/initdb missing): apt-get install -y postgresql (test.sh does)"
            )
        self.dir = Path(tempfile.mkdtemp(prefix="portfolio-pg-"))
        self.port = _free_port()
        self.user = "postgres"
        self._template: str | None = None
        as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, user="postgres")
            as_user = ["runuser", "-u", "postgres", "--"]
        else:
            import getpass

            self.user = getpass.getuser()
        self._as_user = as_user
        data = self.dir / "data"
        self._run([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", self.user, "--no-sync"])
        self.resume()

    def resume(self) -> None:
        """Start the server (again, after halt())."""
        self._run(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.dir / "data"),
                "-l",
                str(self.dir / "server.log"),
                "-w",
                "-o",
                f"-p {self.port} -k {self.dir} -c listen_addresses='' -c fsync=off",
                "start",
            ]
        )

    def halt(self) -> None:
        """Stop the server as a crash or a restart would (its files kept; resume() starts it again)."""
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop"])

    def _run(self, command: list[str]) -> None:
        done = subprocess.run(self._as_user + command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.dir / "server.log"
            raise PostgresUnavailable(
                f"{' '.join(command[:1])} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}"
                + (f"\nserver log: {log.read_text()[-2000:]}" if log.exists() else "")
            )

    def create_database(self, name: str | None = None) -> str:
        """A new, empty database; answers its name."""
        name = name or f"lake_{uuid.uuid4().hex[:12]}"
        self._run(
            [str(PG_BIN.parent / "bin" / "createdb"), "-h", str(self.dir), "-p", str(self.port), "-U", self.user, name]
        )
        return name

    def create_lake(self, data_path: str) -> str:
        """The URL of a new lake at the newest schema, its data in data_path: a copy of a template
        database migrated once per session (a new lake's schema takes DuckLake seconds to write)."""
        if self._template is None:
            name = self.create_database("lake_template")
            # in a process of its own, so that no connection to the template is left open to hinder the copies
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import sys; from portfolio import db; db.connect(sys.argv[1], data_path_=sys.argv[2]).close()",
                    self.lake_url(name),
                    data_path,
                ],
                check=True,
                capture_output=True,
                timeout=120,
                cwd=db.ROOT,
            )
            self._template = name
        copy = f"lake_{uuid.uuid4().hex[:12]}"
        self._run(
            [
                str(PG_BIN / "createdb"),
                "-h",
                str(self.dir),
                "-p",
                str(self.port),
                "-U",
                self.user,
                "-T",
                self._template,
                copy,
            ]
        )
        return self.lake_url(copy)

    def password_lake(self, role: str, password: str) -> str:
        """The URL (without its password) of a new, empty database owned by a role that must sign in
        with `password` (scram-sha-256 over the socket), as a production PostgreSQL has it."""
        database = self.create_database()
        statements = [f"create role {role} login password '{password}'", f"alter database {database} owner to {role}"]
        for statement in statements:
            self._run([str(PG_BIN / "psql"), *self._where(), "-d", database, "-c", statement])
        hba = self.dir / "data" / "pg_hba.conf"
        rule = f"local all {role} scram-sha-256\n"
        if rule not in hba.read_text():
            self._run(["sh", "-c", f"printf '{rule}' | cat - {hba} > {hba}.new && mv {hba}.new {hba}"])
            self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "reload"])
            time.sleep(1)  # the server reads pg_hba.conf again after the signal
        return f"ducklake:postgres:dbname={database} host={self.dir} port={self.port} user={role}"

    def _where(self) -> list[str]:
        return ["-h", str(self.dir), "-p", str(self.port), "-U", self.user]

    def lake_url(self, database: str) -> str:
        return f"ducklake:postgres:dbname={database} host={self.dir} port={self.port} user={self.user}"

    def new_lake(self) -> tuple[str, str]:
        """(lake URL, data path) of a new, empty lake."""
        database = self.create_database()
        data = Path(tempfile.mkdtemp(prefix="portfolio-lake-data-"))
        return self.lake_url(database), str(data)

    def stop(self) -> None:
        subprocess.run(
            self._as_user + [str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
