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
