"""Roles and what each may do, per programme: the one place where a role is added or its rights change.

A right is one thing a person may do with a programme's reports. A role is a named set of rights. A
person holds a role per programme: in the sign-in configuration (portfolio/auth.py) each person has a
role for every programme (`role`), or roles for some programmes only (`programmes`), so that a shared
service can serve several municipalities and one municipality's people see only theirs.

Adding a role: one line in ROLE_RIGHTS, and its name in portfolio/i18n.py as `role_<name>`
(tests/test_roles.py checks both, and that every right is described on the sign-in help).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass

# the rights, in the order the sign-in help lists them
VIEW = "view"  # see the programme's approved reports
VIEW_DRAFTS = "view_drafts"  # see reports not yet approved (always marked as drafts)
UPLOAD = "upload"  # load a new export (a new draft), also of a new programme the role covers
WRITE_NARRATIVE = "write_narrative"  # write a report's explanations, reasons for rebaselines, risks
CHECK = "check"  # mark a draft as checked, after the checklist
APPROVE = "approve"  # approve a checked report: it becomes the report of record
SET_RULES = "set_rules"  # change the margins that colour the lights by the figures
MANAGE_VERSIONS = "manage_versions"  # restore or delete a version, accept the export's own totals
SECURITY = "security"  # be told of sign-in attacks
RIGHTS = (VIEW, VIEW_DRAFTS, UPLOAD, WRITE_NARRATIVE, CHECK, APPROVE, SET_RULES, MANAGE_VERSIONS, SECURITY)

VIEWER, EDITOR, CONTROLLER, DIRECTOR, ADMIN = "viewer", "editor", "controller", "director", "admin"
UPLOADER = "uploader"  # the one role besides viewer before roles were per programme: every right, kept as it was

ROLE_RIGHTS: dict[str, frozenset[str]] = {
    VIEWER: frozenset({VIEW, VIEW_DRAFTS}),  # drafts hidden by default, shown when chosen (always marked)
    EDITOR: frozenset({VIEW, VIEW_DRAFTS, UPLOAD, WRITE_NARRATIVE}),
    CONTROLLER: frozenset({VIEW, VIEW_DRAFTS, WRITE_NARRATIVE, CHECK, SET_RULES, MANAGE_VERSIONS}),
    DIRECTOR: frozenset({VIEW, VIEW_DRAFTS, WRITE_NARRATIVE, APPROVE}),
    ADMIN: frozenset(RIGHTS),
    UPLOADER: frozenset(RIGHTS),
}
ROLES = tuple(ROLE_RIGHTS)


def _key(programme: str) -> str:
    return " ".join(str(programme).split()).casefold()


@dataclass(frozen=True)
class Grants:
    """One person's roles: for named programmes (a name, or a pattern such as 'Gemeente Almere*'; the
    first that matches wins, an exact name before any pattern) and, for every other programme,
    `elsewhere` (None: no access there)."""

    per_programme: tuple[tuple[str, str], ...] = ()
    elsewhere: str | None = None

    def role_in(self, programme: str | None) -> str | None:
        """The role in a programme; for None (no programme yet, such as a store with no reports) the
        role held everywhere."""
        if programme is None:
            return self.elsewhere
        key = _key(programme)
        for name, role in self.per_programme:
            if _key(name) == key:
                return role
        for name, role in self.per_programme:
            if any(c in name for c in "*?[") and fnmatch.fnmatchcase(key, _key(name)):
                return role
        return self.elsewhere

    def may(self, right: str, programme: str | None) -> bool:
        """Whether the person has `right` in `programme`."""
        role = self.role_in(programme)
        return role is not None and right in ROLE_RIGHTS[role]

    def may_somewhere(self, right: str) -> bool:
        """Whether the person has `right` in at least one programme (a page that offers it is shown)."""
        return any(right in ROLE_RIGHTS[role] for role in self.roles())

    def roles(self) -> set[str]:
        return {role for _, role in self.per_programme} | ({self.elsewhere} if self.elsewhere else set())

    def visible(self, programmes: list[str]) -> list[str]:
        """The programmes of `programmes` the person may see, in the same order."""
        return [name for name in programmes if self.may(VIEW, name)]


EVERY_RIGHT = Grants(elsewhere=ADMIN)  # the app run open, on one's own machine


def _role(value, who: str, where: str) -> str:
    role = str(value).strip().lower()
    if role not in ROLE_RIGHTS:
        raise ValueError(f"{who}: {where} role {value!r} must be one of {', '.join(ROLES)}")
    return role


def _one_role_per_programme(pairs: tuple[tuple[str, str], ...], who: str) -> None:
    """Refuse two entries that name one programme (programme names are matched regardless of case and
    spaces: 'MAB Flevoland ' is 'mab flevoland') with different roles: which one holds would be a guess."""
    seen: dict[str, tuple[str, str]] = {}
    for name, role in pairs:
        earlier = seen.setdefault(_key(name), (name, role))
        if earlier[1] != role:
            raise ValueError(
                f"{who}: programmes {earlier[0]!r} and {name!r} are the same programme with two roles "
                f"({earlier[1]}, {role}); keep one"
            )


def parse_grants(entry: Mapping, who: str, default: str | None = VIEWER) -> Grants:
    """A person's grants from their configuration entry; ValueError naming the person when wrong.

    - `role = "controller"`: that role in every programme;
    - `role = "editor"` with `programmes = ["A", "B*"]`: that role in those programmes only;
    - `[...programmes]` as a table, `"A" = "director"`: a role per programme, and `role` (if given) in
      all others; without `role` the person sees no other programme.
    Neither: `default` everywhere.
    """
    role = _role(entry["role"], who, "the") if entry.get("role") is not None else None
    programmes = entry.get("programmes")
    if programmes is None:
        return Grants(elsewhere=role or (_role(default, who, "the") if default else None))
    if isinstance(programmes, str):
        programmes = [programmes]
    if isinstance(programmes, Mapping):
        pairs = tuple((str(name), _role(value, who, f"programme {name!r}:")) for name, value in programmes.items())
        _one_role_per_programme(pairs, who)
        return Grants(per_programme=pairs, elsewhere=role)
    if role is None:
        raise ValueError(f'{who}: a list of programmes needs a role (role = "viewer", ...)')
    names = [str(name).strip() for name in programmes]
    if not all(names):
        raise ValueError(f"{who}: an empty programme name in programmes")
    return Grants(per_programme=tuple((name, role) for name in names), elsewhere=None)
