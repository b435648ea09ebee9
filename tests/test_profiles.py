"""Saved mapping profiles: every name keeps a file of its own, and profiles saved before still load."""

from __future__ import annotations

import json

import pytest

from portfolio import mapping

# Pairs that once slugged to one file name (the second silently overwrote the first).
ALIKE = [
    ("A B", "a-b"),
    ("Programma", "programma"),
    ("Программа", "Проект"),  # no Latin letters at all: both were 'profiel.json'
    ("财务 2025", "预算 2025"),
    ("x" * 70, "x" * 70 + "y"),  # the same first 60 characters
    ("", " "),
]


@pytest.mark.parametrize("first, second", ALIKE)
def test_names_that_look_alike_are_saved_side_by_side(tmp_path, first, second):
    for name, header in ((first, "Kosten"), (second, "Uitgaven")):
        mapping.save_profile(mapping.profile_path(name, tmp_path), name, {"budget": header})
    saved = {p["name"]: p["mapping"]["budget"] for p in mapping.list_profiles(tmp_path)}
    assert saved == {first: "Kosten", second: "Uitgaven"}
    assert len(list(tmp_path.glob("*.json"))) == 2
    assert all(p.parent == tmp_path for p in tmp_path.rglob("*.json"))  # a name never becomes a path


def test_saving_under_the_same_name_again_updates_that_profile(tmp_path):
    path = mapping.profile_path("Afdeling X", tmp_path)
    mapping.save_profile(path, "Afdeling X", {"budget": "Kosten"})
    assert mapping.profile_path("Afdeling X", tmp_path) == path
    mapping.save_profile(mapping.profile_path("Afdeling X", tmp_path), "Afdeling X", {"budget": "Begroting"})
    [only] = mapping.list_profiles(tmp_path)
    assert (only["name"], only["mapping"]) == ("Afdeling X", {"budget": "Begroting"})


def test_a_profile_saved_under_the_old_file_name_still_loads_and_is_updated_in_place(tmp_path):
    old = tmp_path / "afdeling-x.json"  # how profiles were named before: the slug alone
    old.write_text(json.dumps({"name": "Afdeling X", "mapping": {"budget": "Kosten"}, "options": {"unit": 1000}}))
    assert [p["name"] for p in mapping.list_profiles(tmp_path)] == ["Afdeling X"]
    assert mapping.find_profile(["Nr", "Kosten"], tmp_path)["options"] == {"unit": 1000}
    assert mapping.profile_path("Afdeling X", tmp_path) == old
    # a name that slugs alike gets a file of its own instead of taking the old one over
    other = mapping.profile_path("afdeling-x", tmp_path)
    assert other != old
    mapping.save_profile(other, "afdeling-x", {"budget": "Uitgaven"})
    assert json.loads(old.read_text())["mapping"] == {"budget": "Kosten"}
    assert {p["name"] for p in mapping.list_profiles(tmp_path)} == {"Afdeling X", "afdeling-x"}


def test_saving_over_a_file_that_holds_another_profile_is_refused_with_its_name(tmp_path):
    path = tmp_path / "gedeeld.json"
    mapping.save_profile(path, "Eerste", {"budget": "Kosten"})
    with pytest.raises(ValueError, match="'Eerste'"):
        mapping.save_profile(path, "Tweede", {"budget": "Uitgaven"})
    assert mapping.load_profile(path)["name"] == "Eerste"


def test_a_file_holding_the_short_hash_for_another_name_pushes_the_new_name_to_a_longer_one(tmp_path):
    taken = mapping.profile_path("Nieuw", tmp_path)
    taken.write_text(json.dumps({"name": "iemand anders", "mapping": {}}))  # a stray file on that name
    path = mapping.profile_path("Nieuw", tmp_path)
    assert path != taken and path.name.startswith("nieuw-")
    mapping.save_profile(path, "Nieuw", {"budget": "Kosten"})
    assert json.loads(taken.read_text())["name"] == "iemand anders"
