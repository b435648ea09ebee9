"""Shared fixtures: private databases (in memory or in a temporary file) and the demo data."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio import db, demo

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture
def con():
    """An empty, migrated in-memory database."""
    connection = db.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def demo_con(con):
    """An in-memory database with the demo reports loaded through the upload path."""
    demo.load_demo_if_empty(con)
    return con


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """Point the app at a fresh database file for an AppTest run."""
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv(db.DB_ENV, str(path))
    return path
