"""Mapping profiles in the store (issue 24, item 2): which column holds which field for an export of a
known shape, saved by one person on one server and found by everyone on every server. Profiles saved
as files before (data/profiles, $PORTFOLIO_PROFILES) are still found, read-only, unless the store has a
profile of the same name; nothing is written to the repository any more, so a read-only one works."""

from __future__ import annotations

import json

import duckdb

from portfolio import db, mapping


def all_profiles(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every profile by name: the store's, then older files of names the store does not have."""
    stored = [json.loads(profile) | {"name": name} for name, profile, _, _ in db.execute(con, "mapping_profiles")]
    names = {p["name"] for p in stored}
    try:
        files = [p for p in mapping.list_profiles() if p.get("name") not in names]
    except OSError:  # a folder that cannot be read
        files = []
    return sorted(stored + files, key=lambda p: p.get("name", ""))


def find(con: duckdb.DuckDBPyConnection, headers: list[str]) -> dict | None:
    """The saved profile made for an export with these headers (mapping.find_profile's rule)."""
    return mapping.find_profile(headers, profiles=all_profiles(con))


def save(
    con: duckdb.DuckDBPyConnection, name: str, fields: dict[str, str], options: dict | None, saved_by: str | None
) -> None:
    """Save the profile `name` (replacing one of that exact name; names written alike stay apart)."""
    unknown = set(fields) - set(mapping.FIELDS)
    if unknown:
        raise ValueError(f"profile '{name}' maps unknown fields: {', '.join(sorted(unknown))}")
    profile = json.dumps({"name": name, "mapping": fields, "options": options or {}}, ensure_ascii=False)

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        db.execute(cur, "forget_mapping_profile", name=name)
        db.execute(cur, "insert_mapping_profile", name=name, profile=profile, saved_by=saved_by)

    db.write(con, work)
