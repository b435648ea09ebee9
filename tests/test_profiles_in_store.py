"""Mapping profiles in the store (issue 24, item 2): saved through one server, found by every other;
saving writes nothing into the repository (a read-only one works); profiles saved as files before are
still found, unless the store has one of that name. With a real PostgreSQL for the lake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portfolio import db, mapping, profiles

HEADERS = ["Nr", "Omschrijving", "Begroting (€)", "Prognose"]


def test_a_profile_saved_through_one_server_is_found_by_the_other(lake):
    a, b = db.connect(lake), db.connect(lake)  # two servers, each its own connection
    try:
        assert profiles.find(b, HEADERS) is None
        profiles.save(a, "Provincie X", {"code": "A · Nr", "budget": "C · Begroting (€)"}, {"unit": 1000}, "anna")
        found = profiles.find(b, HEADERS)
        assert found["name"] == "Provincie X" and found["options"] == {"unit": 1000}
        assert mapping.resolve_entry(found["mapping"]["budget"], HEADERS) == 2
        profiles.save(b, "Provincie X", {"code": "A · Nr", "forecast": "D · Prognose"}, {}, "bob")  # saved again
        [again] = [p for p in profiles.all_profiles(a) if p["name"] == "Provincie X"]
        assert again["mapping"] == {"code": "A · Nr", "forecast": "D · Prognose"}
    finally:
        a.close()
        b.close()


def test_names_written_alike_are_profiles_of_their_own(con):
    for name in ("A B", "a-b", "Программа", "Проект"):
        profiles.save(con, name, {"budget": f"C · {name}"}, {}, None)
    assert {p["name"]: p["mapping"]["budget"] for p in profiles.all_profiles(con)} == {
        "A B": "C · A B",
        "a-b": "C · a-b",
        "Программа": "C · Программа",
        "Проект": "C · Проект",
    }


def test_saving_writes_nothing_into_the_repository_and_old_files_still_count(con, tmp_path, monkeypatch):
    folder = tmp_path / "profiles"
    monkeypatch.setenv(mapping.PROFILES_ENV, str(folder))
    mapping.save_profile(mapping.profile_path("Oud", folder), "Oud", {"code": "A · Nr"})
    mapping.save_profile(mapping.profile_path("Beide", folder), "Beide", {"code": "A · Nr"})
    on_disk = {p: p.read_bytes() for p in folder.iterdir()}

    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(Path, "write_text", read_only)
    monkeypatch.setattr(Path, "mkdir", read_only)
    profiles.save(con, "Beide", {"code": "A · Nr", "budget": "C · Begroting (€)"}, {}, "anna")
    assert {p: p.read_bytes() for p in folder.iterdir()} == on_disk
    names = {p["name"]: p for p in profiles.all_profiles(con)}
    assert set(names) == {"Oud", "Beide"}
    assert "budget" in names["Beide"]["mapping"]  # the store's, not the older file of that name
    assert profiles.find(con, HEADERS)["name"] == "Beide"  # maps the most fields


def test_a_profile_naming_an_unknown_field_is_refused(con):
    with pytest.raises(ValueError, match="unknown fields: wat"):
        profiles.save(con, "X", {"wat": "A · Nr"}, {}, None)
    assert profiles.all_profiles(con) == [] or all(p["name"] != "X" for p in profiles.all_profiles(con))


def test_the_profile_is_kept_as_json_in_one_row(con):
    profiles.save(con, "J", {"code": "A · Nr"}, {"locale": "nl"}, "anna")
    [(name, profile, _, saved_by)] = db.execute(con, "mapping_profiles")
    assert (name, saved_by) == ("J", "anna")
    assert json.loads(profile) == {"name": "J", "mapping": {"code": "A · Nr"}, "options": {"locale": "nl"}}


def test_a_scheduled_load_uses_a_profile_saved_in_the_store_by_its_name(tmp_path):
    import subprocess
    import sys

    from tests.exports import dutch_csv

    store = tmp_path / "store.duckdb"
    con = db.connect(store)
    fields = {"code": "A · Code", "budget": "C · Kolom C", "forecast": "D · Kolom D", "status": "E · Licht"}
    profiles.save(con, "Afdeling X", fields, {"unit": 1000}, "anna")
    con.close()
    export = tmp_path / "raar.csv"
    export.write_bytes(dutch_csv(["Code;Naam;Kolom C;Kolom D;Licht", "X1;Een;10;12;groen", "X2;Twee;5;4;rood"]))

    def load(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "portfolio", "load", str(export), "--db", str(store), "--programme", "P"]
            + ["--report-date", "2025-06-30", *extra],
            capture_output=True,
            text=True,
            cwd=db.ROOT,
            timeout=300,
        )

    unknown = load("--mapping", "Afdeling Y")
    assert unknown.returncode == 2 and "no profile of that name in the store" in unknown.stderr
    assert "'Afdeling X'" in unknown.stderr  # what is there
    done = load("--mapping", "Afdeling X")
    assert done.returncode == 0, done.stderr
    con = db.connect(store)
    try:
        rows = con.execute("select code, budget, forecast, status from stories order by code").fetchall()
    finally:
        con.close()
    assert [(c, float(b), float(f), s) for c, b, f, s in rows] == [
        ("X1", 10_000.0, 12_000.0, "green"),
        ("X2", 5_000.0, 4_000.0, "red"),
    ]
