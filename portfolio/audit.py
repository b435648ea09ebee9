"""The change log as users read it: each entry's report named by programme, date and version (never a
raw report id), and its detail in the user's language.

The log stores its detail as English text written by ingest.commit and manage; the patterns below are
the ones those write. Anything else (the rules' 'name=value' list, entries of older versions) is shown
as stored.
"""

from __future__ import annotations

import getpass
import os
import re

import pandas as pd

from portfolio import fmt
from portfolio.i18n import t

_MEASURES = ("budget", "spent", "forecast")
# what portfolio/narrative.py records: 'report: introduction, board_ask', 'story 2: approach',
# 'line Dienstverlening: delivered', 'cover: subject, author'; '3 risks'
_WRITTEN = re.compile(
    r"^(?P<scope>report|line|track|story|cover)(?: (?P<subject>.+?))?: (?P<fields>[a-z_]+(?:, [a-z_]+)*)$"
)
_RISKS = re.compile(r"^(?P<n>\d+) risks$")
_SCOPE_KEYS = {
    "report": "report",
    "line": "programme_line",
    "track": "track",
    "story": "page_story",
    "cover": "cover_heading",
}
_LOADED = re.compile(r"^(?P<file>.*) \((?P<n>\d+) rows?\)$")
_RESTORED = re.compile(
    r"^(?P<programme>.*) (?P<date>\d{4}-\d{2}-\d{2}): version (?P<version>\d+) made current "
    r"\(was (?:version (?P<was>\d+)|no current version)\)$"
)
_DELETED = re.compile(r"^(?P<programme>.*) (?P<date>\d{4}-\d{2}-\d{2}): (?P<n>\d+) version\(s\) deleted\b.*$")
# portfolio.own_totals.detail: 'row 12 budget: stated 2295000.00, stories 2305000.00; row 12 spent: ...'
_OWN_TOTAL = re.compile(
    r"^row (?P<row>\d+) (?P<measure>\w+): stated (?P<stated>-?[\d.]+), stories (?P<computed>-?[\d.]+)$"
)


OPEN_ACCESS = "open access"  # who an action is logged as when the app runs without sign-in
_OPEN_ACCESS = re.compile(r"^open access \(os: (?P<os>.*)\)$")


def os_user() -> str:
    """The account running this process, by its user id ($USER and $LOGNAME can say anything)."""
    if hasattr(os, "getuid"):
        try:
            import pwd

            return pwd.getpwuid(os.getuid()).pw_name
        except (ImportError, KeyError):  # a container user without a passwd entry
            return f"uid {os.getuid()}"
    try:
        return getpass.getuser()
    except Exception:  # no login name at all
        return "unknown"


def open_access_actor() -> str:
    """Who the app logs an action as when it runs without sign-in: nobody signed in, so no person, but
    the account the server runs as, as the command line records its own ('open access (os: www-data)')."""
    return f"{OPEN_ACCESS} (os: {os_user()})"


def who(actor, lang: str) -> str:
    """Who did it, as stored in loaded_by or the change log, in the user's language: a name as it is,
    the open access of an app without sign-in said so, and a missing one (an older open-mode entry)
    said as not recorded, never a bare dash."""
    if not isinstance(actor, str) or not actor.strip():
        return t("who_not_recorded", lang)
    found = _OPEN_ACCESS.match(actor)
    return t("who_open_access", lang, os=found["os"]) if found else actor


def detail(action: str, text: str | None, lang: str) -> str:
    """The stored detail of a log entry in `lang`."""
    if not text:
        return ""
    if action in ("load", "replace") and (found := _LOADED.match(text)):
        n = int(found["n"])
        return t("audit_loaded_one" if n == 1 else "audit_loaded", lang, file=found["file"], n=fmt.number(n, 0, lang))
    if action == "restore" and (found := _RESTORED.match(text)):
        was = t("audit_was_version", lang, version=found["was"]) if found["was"] else t("audit_was_none", lang)
        return t("audit_restored", lang, version=found["version"], was=was)
    if action == "delete" and (found := _DELETED.match(text)):
        return t("audit_deleted", lang, n=int(found["n"]))
    if action in ("narrative", "cover") and (found := _WRITTEN.match(text)):
        return _written(found, lang)
    if action == "risks" and (found := _RISKS.match(text)):
        return t("audit_risks", lang, n=int(found["n"]))
    if action == "accept_totals":
        items = [_OWN_TOTAL.match(part) for part in text.split("; ")]
        if all(items):
            return "; ".join(
                t(
                    "audit_own_totals_item",
                    lang,
                    row=found["row"],
                    measure=t(found["measure"], lang).lower() if found["measure"] in _MEASURES else found["measure"],
                    stated=fmt.number(float(found["stated"]), 2, lang),
                    computed=fmt.number(float(found["computed"]), 2, lang),
                )
                for found in items
            )
    return text


def programme_of(entry: dict) -> str | None:
    """The programme a log entry is about (a row of the audit_log query): its report's, or for a report
    deleted since, the one its detail names; None for an entry about no programme (rules, sign-in)."""
    if entry.get("programme") is not None and not pd.isna(entry.get("programme")):
        return str(entry["programme"])
    found = _RESTORED.match(entry.get("detail") or "") or _DELETED.match(entry.get("detail") or "")
    return found["programme"] if found else None


def visible_entries(entries: list[dict], sees) -> list[dict]:
    """The log entries a person may read: those about a programme `sees(programme)` allows; those about
    no programme (rules, sign-in) only when `sees(None)` (a role for every programme)."""
    return [e for e in entries if sees(programme_of(e))]


def _written(found: re.Match, lang: str) -> str:
    """'story 2: approach' as 'Story 2: Aanpak' in the reader's language (field labels of the Toelichting page)."""
    prefix = "cover_" if found["scope"] == "cover" else "nar_"
    fields = ", ".join(t(f"{prefix}{name}", lang) for name in found["fields"].split(", "))
    where = t(_SCOPE_KEYS[found["scope"]], lang) + (f" {found['subject']}" if found["subject"] else "")
    return f"{where}: {fields}"


def report_label(entry: dict, lang: str) -> str:
    """'Programme · date · version N' for the report of a log entry (a row of the audit_log query); for a
    report deleted since, the programme and date its detail names, else that it is gone; '' when the entry
    names no report (a change of the rules)."""
    if entry.get("programme") is not None and not pd.isna(entry.get("programme")):
        return f"{entry['programme']} · {fmt.date(entry['report_date'], lang)} · {t('version', lang).lower()} {int(entry['version'])}"
    found = _RESTORED.match(entry.get("detail") or "") or _DELETED.match(entry.get("detail") or "")
    if found:
        return f"{found['programme']} · {fmt.date(found['date'], lang)}"
    return "" if pd.isna(entry.get("report_id")) else t("audit_report_gone", lang)
