"""The narrative of a report beside its figures, as a board memo writes it (issue 23), and the cover
memo of a programme's written report. No Streamlit here.

Per report version: an introduction and what is asked of the board; per programme line (or track)
what was delivered, what is at risk and what comes next; per story its approach, intended result and
next step; a risk list (risk, story, owner, likelihood, impact, measure). A text comes from, in this
order: what was saved for this version (typed in the app; an empty text is a text cleared on
purpose), the export's own column for it (Ambitie, Aanpak, Beoogd resultaat, Volgende stap, Risico,
Maatregel), else the newest earlier version of the programme that has it: carried over as a starting
point, and said to be carried over until someone edits it (never the document's own number and version,
NOT_CARRIED).

So for a story's ambition: this version's typed text wins over this version's export (the page shows the
export's text and a save writes only a field that differs from it, so a typed one is a correction made
on purpose after the export was loaded); this version's export wins over a text typed for an earlier
version (the newer source); a typed ambition fills in where the export has none. Every save is a row of its own (migrations 021, 022)
and a line in the audit log; an approved version is frozen.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from portfolio import db, report_state

REPORT, LINE, TRACK, STORY = "report", "line", "track", "story"
SCOPES = (REPORT, LINE, TRACK, STORY)
# Per report version: the prose (introduction, board ask, the portfolio holder's signed conclusion and who
# signs it), the document's own number and version (title page), the period it describes (a plateau's
# name) and its annex list (ANNEX_FIELDS per annex, kept as one JSON text: see annexes, save_annexes).
REPORT_PROSE = ("introduction", "board_ask", "conclusion")
REPORT_SHORT = ("signed_by", "document_number", "document_version", "period_name")
REPORT_FIELDS = (*REPORT_PROSE, *REPORT_SHORT, "annexes")
GROUP_FIELDS = ("delivered", "at_risk", "next")
# ambition first and the long state of affairs after the money, as the seed writes a story
STORY_FIELDS = ("ambition", "approach", "intended_result", "state_of_affairs", "next_step")
# Never carried into the next version: a document number and version name one document, and the next
# report is another one (carrying them would put the previous report's number on this title page).
NOT_CARRIED = ("document_number", "document_version")
ANNEX_FIELDS = ("title", "number", "public", "reading_room")
FIELDS = {REPORT: REPORT_FIELDS, LINE: GROUP_FIELDS, TRACK: GROUP_FIELDS, STORY: STORY_FIELDS}
RISK_FIELDS = ("story_code", "risk", "owner", "likelihood", "impact", "measure")
# The export's columns a story may carry (stories, migrations 008 and 021; portfolio/vocabulary.toml)
EXPORT_FIELDS = ("ambition", "approach", "intended_result", "next_step", "risk", "risk_measure")
# The story fields an export can fill (the others are only typed)
EXPORT_STORY_FIELDS = ("ambition", "approach", "intended_result", "next_step")
COVER_FIELDS = (
    "subject",
    "registration",
    "memo_date",
    "author",
    "department",
    "portfolio_holder",
    "public",
    "purpose",
    "addressee",
    "goals",
    "period",
)
PURPOSES = ("information", "decision")  # ter kennisname, ter besluitvorming
PUBLIC_VALUES = ("yes", "no")
MAX_TEXT = 20_000  # characters in one text: a memo's section, not a file

TYPED, EXPORT, CARRIED = "typed", "export", "carried"


class NarrativeRefused(ValueError):
    """A save that cannot be made; `key` names why (an i18n key), `params` fill it in. Nothing is written."""

    def __init__(self, key: str, **params) -> None:
        super().__init__(f"{key}: {params}" if params else key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Entry:
    """One text as a version shows it: its body, where it comes from (typed, export, carried) and, when
    carried over, from which version (report id, date, version number)."""

    body: str
    source: str
    carried_from: int | None = None
    carried_date: object = None
    carried_version: int | None = None
    written_by: str | None = None
    written_at: object = None

    @property
    def carried(self) -> bool:
        return self.source == CARRIED


@dataclass
class Narrative:
    """The narrative of one report version."""

    report_id: int
    texts: dict[tuple[str, str], dict[str, Entry]] = field(default_factory=dict)  # (scope, subject) -> field -> entry
    risks: list[dict] = field(default_factory=list)  # the list as shown: typed or carried, then the export's
    risks_source: str | None = None  # typed, carried or None (no list saved anywhere)
    risks_carried_from: tuple | None = None  # (report_id, date, version) of a carried list

    def get(self, scope: str, subject: str, name: str) -> Entry | None:
        entry = self.texts.get((scope, str(subject)), {}).get(name)
        return entry if entry is not None and entry.body else None

    def of(self, scope: str, subject: str = "") -> dict[str, Entry]:
        """The non-empty texts of one subject, by field, in the field order."""
        found = self.texts.get((scope, str(subject)), {})
        return {name: found[name] for name in FIELDS[scope] if name in found and found[name].body}

    def has_any(self) -> bool:
        return any(e.body for texts in self.texts.values() for e in texts.values()) or bool(self.risks)

    def carried_count(self) -> int:
        return sum(1 for texts in self.texts.values() for e in texts.values() if e.body and e.carried)


def _text(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def read(con: duckdb.DuckDBPyConnection, report_id: int) -> Narrative:
    """The narrative of a report version: its own texts, the export's, and the rest carried over."""
    report_id = int(report_id)
    narrative = Narrative(report_id)
    rows = db.query(con, "narrative_rows", report_id=report_id)
    exported = db.query(con, "story_narrative_rows", report_id=report_id)
    # 1. saved for this version (typed, or carried and materialised)
    for row in rows[rows["report_id"] == report_id].itertuples():
        carried = _int(row.carried_from)
        entry = Entry(
            _text(row.body) or "",
            CARRIED if carried is not None else TYPED,
            carried,
            written_by=_text(row.written_by),
            written_at=row.written_at,
        )
        narrative.texts.setdefault((row.scope, row.subject), {})[row.field] = entry
    if carried_ids := {e.carried_from for t in narrative.texts.values() for e in t.values() if e.carried}:
        _date_carried(con, narrative, carried_ids)
    # 2. the export's own columns of this version
    own_export = exported[exported["report_id"] == report_id]
    for row in own_export.itertuples():
        texts = narrative.texts.setdefault((STORY, str(row.code)), {})
        for name in EXPORT_STORY_FIELDS:
            value = _text(getattr(row, name))
            if value and name not in texts:
                texts[name] = Entry(value.strip(), EXPORT)
    # 3. carried over from the newest earlier version that has it
    earlier = pd.concat(
        [
            rows.loc[
                rows["report_id"] != report_id,
                ["report_id", "report_date", "version", "scope", "subject", "field", "body"],
            ],
            _export_as_rows(exported[exported["report_id"] != report_id]),
        ],
        ignore_index=True,
    )
    if len(earlier):
        earlier = earlier.sort_values(["report_date", "version"], ascending=False, kind="stable")
        for row in earlier.itertuples():
            texts = narrative.texts.setdefault((row.scope, str(row.subject)), {})
            if row.field in texts or row.field in NOT_CARRIED:
                continue
            body = _text(row.body) or ""
            texts[row.field] = Entry(body, CARRIED, int(row.report_id), row.report_date, int(row.version))
    _read_risks(con, narrative, own_export)
    return narrative


def _date_carried(con, narrative: Narrative, ids: set[int]) -> None:
    info = {}
    for report in ids:
        frame = db.query(con, "report_info", report_id=int(report))
        if len(frame):
            info[report] = (frame["report_date"].iloc[0], int(frame["version"].iloc[0]))
    for texts in narrative.texts.values():
        for name, entry in list(texts.items()):
            if entry.carried and entry.carried_from in info:
                date, version = info[entry.carried_from]
                texts[name] = Entry(
                    entry.body, CARRIED, entry.carried_from, date, version, entry.written_by, entry.written_at
                )


def _export_as_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The export's story texts of earlier versions as narrative rows (scope story, subject the code)."""
    rows = [
        {
            "report_id": int(r.report_id),
            "report_date": r.report_date,
            "version": int(r.version),
            "scope": STORY,
            "subject": str(r.code),
            "field": name,
            "body": _text(getattr(r, name)).strip(),
        }
        for r in frame.itertuples()
        for name in EXPORT_STORY_FIELDS
        if _text(getattr(r, name))
    ]
    return pd.DataFrame(rows, columns=["report_id", "report_date", "version", "scope", "subject", "field", "body"])


def _risk_record(row, source: str) -> dict:
    return {
        "story_code": _text(row.story_code),
        "risk": _text(row.risk),
        "owner": _text(row.owner),
        "likelihood": _text(row.likelihood),
        "impact": _text(row.impact),
        "measure": _text(row.measure),
        "source": source,
    }


def _read_risks(con, narrative: Narrative, own_export: pd.DataFrame) -> None:
    saved = db.query(con, "risk_rows", report_id=narrative.report_id)
    own = saved[saved["report_id"] == narrative.report_id]
    if len(own):
        carried = _int(own["carried_from"].iloc[0])
        narrative.risks_source = CARRIED if carried is not None else TYPED
        if carried is not None:
            info = db.query(con, "report_info", report_id=carried)
            narrative.risks_carried_from = (
                carried,
                info["report_date"].iloc[0] if len(info) else None,
                int(info["version"].iloc[0]) if len(info) else None,
            )
        narrative.risks = [_risk_record(r, narrative.risks_source) for r in own.itertuples() if _text(r.risk)]
    elif len(saved):
        newest = int(saved["report_id"].iloc[0])
        rows = saved[saved["report_id"] == newest]
        narrative.risks_source = CARRIED
        narrative.risks_carried_from = (newest, rows["report_date"].iloc[0], int(rows["version"].iloc[0]))
        narrative.risks = [_risk_record(r, CARRIED) for r in rows.itertuples() if _text(r.risk)]
    for row in own_export.itertuples():
        if _text(row.risk):
            narrative.risks.append(
                {
                    "story_code": str(row.code),
                    "risk": _text(row.risk).strip(),
                    "owner": _text(row.owner),
                    "likelihood": None,
                    "impact": None,
                    "measure": (_text(row.risk_measure) or "").strip() or None,
                    "source": EXPORT,
                }
            )


# --- saving -------------------------------------------------------------------------------------------


def _refuse_frozen(con, report_id: int) -> None:
    """NarrativeRefused when the version is approved (frozen) or unknown."""
    if db.query(con, "report_info", report_id=int(report_id)).empty:
        raise NarrativeRefused("narrative_no_report", report_id=int(report_id))
    found = report_state.states(con, [int(report_id)]).get(int(report_id))
    if found is not None and found.approved:
        raise NarrativeRefused("narrative_frozen")


def _clean(value, name: str) -> str:
    text = "" if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > MAX_TEXT:
        raise NarrativeRefused("narrative_too_long", field=name, limit=MAX_TEXT)
    return text


def _now() -> dt.datetime:
    return dt.datetime.now()


def save(
    con: duckdb.DuckDBPyConnection,
    report_id: int,
    scope: str,
    subject: str,
    values: dict[str, str | None],
    actor: str | None,
) -> list[str]:
    """Save the texts of one subject of a report version that differ from what it shows now (typed,
    from the export or carried over): one row each and one audit entry, in one transaction. Returns the
    fields saved. NarrativeRefused (nothing written) for an unknown scope or field, a frozen version, a
    text too long."""
    if scope not in FIELDS:
        raise NarrativeRefused("narrative_bad_scope", scope=scope)
    unknown = sorted(set(values) - set(FIELDS[scope]))
    if unknown:
        raise NarrativeRefused("narrative_bad_field", field=", ".join(unknown))
    subject = "" if scope == REPORT else str(subject or "").strip()
    if scope != REPORT and not subject:
        raise NarrativeRefused("narrative_no_subject", scope=scope)
    texts = {name: _clean(value, name) for name, value in values.items()}

    def work(cur) -> list[str]:
        _refuse_frozen(cur, report_id)
        shown = read(cur, report_id).texts.get((scope, subject), {})
        changed = [n for n in FIELDS[scope] if n in texts and texts[n] != (shown[n].body if n in shown else "")]
        at = _now()
        for name in changed:
            db.execute(
                cur,
                "insert_narrative",
                report_id=int(report_id),
                scope=scope,
                subject=subject,
                field=name,
                body=texts[name],
                carried_from=None,
                written_at=at,
                written_by=actor,
            )
        if changed:
            where = scope if scope == REPORT else f"{scope} {subject}"
            db.execute(
                cur,
                "insert_audit",
                actor=actor,
                action="narrative",
                report_id=int(report_id),
                detail=f"{where}: {', '.join(changed)}",
            )
        return changed

    return db.write(con, work)


def save_risks(con: duckdb.DuckDBPyConnection, report_id: int, risks: list[dict], actor: str | None) -> int:
    """Save the risk list of a report version as a whole (rows without a risk left out; an empty list is
    kept as saved empty). The export's own risks are not part of it. One audit entry. Returns the number
    of risks saved. NarrativeRefused for a frozen version, a risk without text but with a measure."""
    rows = []
    for number, risk in enumerate(risks, start=1):
        record = {name: _clean(risk.get(name), name) or None for name in RISK_FIELDS}
        if record["risk"] is None:
            if any(record[name] for name in RISK_FIELDS if name != "risk"):
                raise NarrativeRefused("narrative_risk_without_text", row=number)
            continue
        rows.append(record)

    def work(cur) -> int:
        _refuse_frozen(cur, report_id)
        at = _now()
        for position, record in enumerate(rows or [dict.fromkeys(RISK_FIELDS)]):
            db.execute(
                cur, "insert_risk", report_id=int(report_id), position=position, carried_from=None,
                written_at=at, written_by=actor, **record,
            )  # fmt: skip
        db.execute(
            cur, "insert_audit", actor=actor, action="risks", report_id=int(report_id), detail=f"{len(rows)} risks"
        )
        return len(rows)

    return db.write(con, work)


def annexes(narrative: Narrative) -> list[dict] | None:
    """The annex list of the cover memo as the version shows it (typed or carried): per annex its title,
    document number (e.g. eDocs), public under the WOB ('yes', 'no' or None) and whether it lies in the
    reading room instead of being sent; None when no list was written (the report then names itself as
    the one annex)."""
    entry = narrative.get(REPORT, "", "annexes")
    if entry is None:
        return None
    try:
        found = json.loads(entry.body)
    except ValueError:
        found = [{"title": line} for line in entry.body.splitlines()]  # a list typed as text: one title a line
    rows = []
    for item in found if isinstance(found, list) else []:
        if not isinstance(item, dict) or not _text(item.get("title")):
            continue
        public = item.get("public")
        rows.append(
            {
                "title": str(item["title"]).strip(),
                "number": (_text(item.get("number")) or "").strip() or None,
                "public": public if public in PUBLIC_VALUES else None,
                "reading_room": bool(item.get("reading_room")),
            }
        )
    return rows


def save_annexes(con: duckdb.DuckDBPyConnection, report_id: int, rows: list[dict], actor: str | None) -> int:
    """Save the annex list of a report version as a whole (as the report field 'annexes', so that it is
    carried into the next draft and frozen with an approval like every text; an empty list clears it).
    Rows without a title or anything else are left out. Returns the number of annexes saved.
    NarrativeRefused (nothing written) for an annex with a number or a public value but no title, a
    public value not among the choices, a frozen version."""
    kept = []
    for number, row in enumerate(rows, start=1):
        title = _clean(row.get("title"), "annexes")
        doc = _clean(row.get("number"), "annexes")
        public = _clean(row.get("public"), "annexes")
        if public and public not in PUBLIC_VALUES:
            raise NarrativeRefused("cover_bad_choice", field="public", value=public)
        if not title:
            if doc or public:
                raise NarrativeRefused("narrative_annex_without_title", row=number)
            continue
        kept.append({"title": title, "number": doc or None, "public": public or None,
                     "reading_room": bool(row.get("reading_room"))})  # fmt: skip
    body = json.dumps(kept, ensure_ascii=False) if kept else ""
    save(con, report_id, REPORT, "", {"annexes": body}, actor)
    return len(kept)


def materialise(con: duckdb.DuckDBPyConnection, report_id: int, actor: str | None) -> int:
    """Write what a version shows as carried over into the version itself (still marked as carried, with
    the version it came from), so that it stays as it is when the earlier version changes: for the
    moment a version is approved. Returns the number of texts written."""
    return db.write(con, lambda cur: materialise_in(cur, report_id, actor))


def materialise_in(cur, report_id: int, actor: str | None) -> int:
    """materialise inside a transaction the caller holds (portfolio.approval.approve: in the same
    transaction as the approval, so an approved version never shows text it does not hold)."""
    narrative = read(cur, report_id)
    at = _now()
    n = 0
    for (scope, subject), texts in narrative.texts.items():
        for name, entry in texts.items():
            if entry.carried and entry.body and entry.written_at is None:
                db.execute(
                    cur, "insert_narrative", report_id=int(report_id), scope=scope, subject=subject,
                    field=name, body=entry.body, carried_from=entry.carried_from, written_at=at, written_by=actor,
                )  # fmt: skip
                n += 1
    if narrative.risks_source == CARRIED and db.query(cur, "risk_rows", report_id=int(report_id)).pipe(
        lambda f: f[f["report_id"] == int(report_id)].empty
    ):
        carried = [r for r in narrative.risks if r["source"] == CARRIED]
        for position, record in enumerate(carried):
            db.execute(
                cur, "insert_risk", report_id=int(report_id), position=position,
                carried_from=narrative.risks_carried_from[0], written_at=at, written_by=actor,
                **{k: record[k] for k in RISK_FIELDS},
            )  # fmt: skip
    return n


# --- the cover memo, per programme ----------------------------------------------------------------------


def cover(con: duckdb.DuckDBPyConnection, programme_id: int) -> dict[str, str]:
    """The cover memo fields of a programme that have a value."""
    frame = db.query(con, "cover_rows", programme_id=int(programme_id))
    return {str(r.field): str(r.value) for r in frame.itertuples() if _text(r.value)}


def save_cover(
    con: duckdb.DuckDBPyConnection, programme_id: int, values: dict, actor: str | None, report_id: int | None = None
) -> list[str]:
    """Save the cover fields that changed (one row each, one audit entry, logged with `report_id`, the
    report shown when they were changed, so that the log names the programme and shows the entry to
    those who may see it). NarrativeRefused for an unknown field, a purpose or public value not among
    the choices, a memo date that is no date."""
    unknown = sorted(set(values) - set(COVER_FIELDS))
    if unknown:
        raise NarrativeRefused("narrative_bad_field", field=", ".join(unknown))
    texts = {name: _clean(value, name) for name, value in values.items()}
    if texts.get("purpose") and texts["purpose"] not in PURPOSES:
        raise NarrativeRefused("cover_bad_choice", field="purpose", value=texts["purpose"])
    if texts.get("public") and texts["public"] not in PUBLIC_VALUES:
        raise NarrativeRefused("cover_bad_choice", field="public", value=texts["public"])
    if texts.get("memo_date"):
        try:
            dt.date.fromisoformat(texts["memo_date"])
        except ValueError:
            raise NarrativeRefused("cover_bad_date", value=texts["memo_date"]) from None

    def work(cur) -> list[str]:
        shown = cover(cur, programme_id)
        changed = [n for n in COVER_FIELDS if n in texts and texts[n] != shown.get(n, "")]
        at = _now()
        for name in changed:
            db.execute(
                cur, "insert_cover", programme_id=int(programme_id), field=name, value=texts[name],
                written_at=at, written_by=actor,
            )  # fmt: skip
        if changed:
            db.execute(
                cur, "insert_audit", actor=actor, action="cover", report_id=report_id,
                detail=f"cover: {', '.join(changed)}",
            )  # fmt: skip
        return changed

    return db.write(con, work)


def grouping(stories: pd.DataFrame) -> tuple[str, list[str]]:
    """What a report's stories are written by, as the written report does: its programme lines where any
    top-level story names one, else its tracks where any names one (a programme organised by tracks),
    else its lines (one group). Returns the narrative scope (LINE or TRACK) and the names in source order."""
    top = stories[stories["parent_code"].isna()] if "parent_code" in stories else stories
    lines = [x for x in top["programme_line"].dropna().unique().tolist() if str(x).strip()]
    tracks = [x for x in top["track"].dropna().unique().tolist() if str(x).strip()] if "track" in top else []
    if lines or not tracks:
        return LINE, [str(x) for x in lines]
    return TRACK, [str(x) for x in tracks]
