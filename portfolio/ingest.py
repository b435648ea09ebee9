"""From an uploaded export to reports in the database: understand, validate, then commit in one transaction.

`parse_export` never writes; it returns what it understood (mapping, units, locale, stories per report)
with every problem found. `commit` writes all reports of one export in a single transaction, so a
failure leaves the database exactly as it was. The app, the command line and the demo loader all
take this one path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from portfolio import db
from portfolio.amounts import EN, NL, NotAnAmount, Unit, detect_locale, header_unit, parse_amount
from portfolio.mapping import AMOUNT_FIELDS, STORY_FIELDS, detect_mapping, match_field, normalise_header
from portfolio.problems import ERROR, WARNING, LoadRefused, Problem, error, warning
from portfolio.reading import Grid, read_grid
from portfolio.status import normalise_status

HEADER_SCAN_ROWS = 30
TOTAL_WORDS = {"totaal", "totalen", "total", "totals", "grand total", "eindtotaal", "subtotaal", "subtotal", "som"}
IMPLAUSIBLE_AMOUNT = 1e11  # 100 billion in any currency is a unit mistake, not a story
STORY_COLUMNS = [
    "code",
    "title",
    "programme_line",
    "track",
    "owner",
    "parent_code",
    "period",
    "budget",
    "spent",
    "realised",
    "committed",
    "forecast",
    "baseline",
    "status",
    "status_label",
    "status_note",
    "necessity",
    "in_totals",
    "source_row",
    "sort_order",
]
_YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel"}
_NO = {"nee", "n", "no", "false", "onwaar", "0", "niet"}
_NECESSITY = {
    "wettelijk": "statutory",
    "statutory": "statutory",
    "verplicht": "statutory",
    "mandatory": "statutory",
    "noodzakelijk": "necessary",
    "necessary": "necessary",
    "nodig": "necessary",
    "wenselijk": "desirable",
    "desirable": "desirable",
    "nice to have": "desirable",
}


@dataclass
class ReportDraft:
    """One report an export will become: a programme, a report date and its stories."""

    programme: str
    report_date: dt.date
    stories: pd.DataFrame

    def totals(self) -> dict:
        """Budget, spent and forecast over the stories that count (top level, in totals); None when none given."""
        counted = self.stories[self.stories["parent_code"].isna() & self.stories["in_totals"]]
        return {f: _sum_or_none(counted[f]) for f in ("budget", "spent", "forecast")}


@dataclass
class ParsedExport:
    """Everything understood about one export, before anything is written."""

    filename: str
    checksum: str
    grid_kind: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    locale: str | None = None
    header_row: int | None = None  # 1-based
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, int] = field(default_factory=dict)
    units: dict[str, int] = field(default_factory=dict)
    currency: str = "EUR"
    title: str | None = None
    reports: list[ReportDraft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    def mapped_headers(self) -> dict[str, str]:
        """field -> header text, as a profile stores it."""
        return {name: self.headers[index] for name, index in self.mapping.items()}


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_export(
    data: bytes,
    filename: str,
    *,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    programme: str | None = None,
    report_date: dt.date | str | None = None,
    unit: int | None = None,
    currency: str | None = None,
    locale: str | None = None,
) -> ParsedExport:
    """Understand an export without writing anything. Problems are collected, not raised.

    `mapping` (field -> header text) overrides detection, as a saved profile or the mapping screen does.
    `programme`, `report_date` fill what the file does not say; `unit` applies to amount columns whose
    header declares no unit; `locale` ('nl' or 'en') overrides the detected number notation.
    """
    parsed = ParsedExport(filename=_safe_name(filename), checksum=checksum(data))
    try:
        grid = read_grid(data, filename, sheet)
    except LoadRefused as refused:
        parsed.problems.extend(refused.problems)
        return parsed
    parsed.grid_kind, parsed.sheet, parsed.sheets = grid.kind, grid.sheet, grid.sheets
    parsed.encoding, parsed.delimiter = grid.encoding, grid.delimiter
    rows = _trim(grid.rows)
    if not rows:
        parsed.problems.append(error("empty_file"))
        return parsed
    header_index = _find_header(rows, mapping)
    if header_index is None:
        parsed.problems.append(error("no_header"))
        return parsed
    parsed.header_row = header_index + 1
    width = max(len(r) for r in rows)
    headers = [_text(c) or "" for c in _pad(rows[header_index], width)]
    parsed.headers = headers
    meta = _metadata(rows[:header_index])
    parsed.title = meta.get("title")
    body = [(i + 1, _pad(r, width)) for i, r in enumerate(rows) if i > header_index]
    filled = [sum(1 for _, r in body if _text(r[c]) is not None) for c in range(width)]
    if mapping:
        parsed.mapping = _apply_profile(mapping, headers, parsed)
    else:
        parsed.mapping = detect_mapping(headers, filled)
    if "code" not in parsed.mapping and "title" not in parsed.mapping:
        parsed.problems.append(error("no_identifier", row=parsed.header_row))
    if not any(f in parsed.mapping for f in AMOUNT_FIELDS + ("status",)):
        parsed.problems.append(error("no_measure", row=parsed.header_row))
    if parsed.errors:
        return parsed

    declared = {f: header_unit(headers[i]) for f, i in parsed.mapping.items() if f in AMOUNT_FIELDS}
    parsed.units = {f: (u.multiplier if u.multiplier != 1 or unit is None else unit) for f, u in declared.items()}
    parsed.currency = _currency(currency, meta, declared, body, parsed.mapping)
    parsed.locale = locale or _locale(grid, body, parsed.mapping)
    records, totals_rows = _records(body, parsed)
    if not records and not parsed.errors:
        parsed.problems.append(error("no_data_rows", row=parsed.header_row))
        return parsed
    frame = pd.DataFrame(records, columns=STORY_COLUMNS + ["programme", "report_date"])
    frame = _without_duplicates(frame, parsed)
    fallback_programme = programme or meta.get("programme")
    fallback_date = _parse_date(report_date) if report_date is not None else meta.get("report_date")
    parsed.reports = _split_reports(frame, fallback_programme, fallback_date, parsed)
    for report in parsed.reports:
        _check_parents(report, parsed)
    if len(parsed.reports) == 1:
        _check_totals_rows(totals_rows, parsed.reports[0], parsed)
    return parsed


def ensure_loadable(parsed: ParsedExport, *, strict: bool = False) -> None:
    """Raise LoadRefused when the export has errors (or, with strict, warnings)."""
    blocking = parsed.errors + (parsed.warnings if strict else [])
    if blocking:
        if strict:
            blocking = [Problem(ERROR, p.key, p.row, p.column, p.params) for p in blocking]
        raise LoadRefused(blocking)


# --- committing -----------------------------------------------------------------------------------


@dataclass
class Committed:
    report_id: int
    programme: str
    report_date: dt.date
    version: int
    rows: int
    totals: dict
    replaced: int | None = None


def commit(
    con: duckdb.DuckDBPyConnection,
    parsed: ParsedExport,
    *,
    loaded_by: str | None = None,
    replace: bool = False,
    strict: bool = False,
) -> list[Committed]:
    """Write every report of the export in one transaction; on any failure nothing is written.

    A programme + report date that already has a current report is refused unless `replace`; the
    earlier version is then kept (not current) and can be restored.
    """
    ensure_loadable(parsed, strict=strict)
    done: list[Committed] = []
    con.execute("begin transaction")
    try:
        for report in parsed.reports:
            done.append(_write_report(con, parsed, report, loaded_by, replace))
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return done


def _write_report(con, parsed: ParsedExport, report: ReportDraft, loaded_by, replace) -> Committed:
    same = db.query(
        con, "report_by_checksum", checksum=parsed.checksum, programme=report.programme, report_date=report.report_date
    )
    if len(same):
        raise LoadRefused(
            [
                error(
                    "already_loaded",
                    report_id=int(same.report_id[0]),
                    programme=report.programme,
                    report_date=report.report_date.isoformat(),
                )
            ]
        )
    db.execute(con, "insert_programme", name=report.programme)
    existing = db.query(con, "current_report", programme=report.programme, report_date=report.report_date)
    replaced = None
    if len(existing):
        if not replace:
            raise LoadRefused(
                [
                    error(
                        "report_exists",
                        programme=report.programme,
                        report_date=report.report_date.isoformat(),
                        report_id=int(existing.report_id[0]),
                    )
                ]
            )
        replaced = int(existing.report_id[0])
        db.execute(con, "retire_report", report_id=replaced)
    units = set(parsed.units.values()) or {1}
    row = db.execute(
        con,
        "insert_report",
        programme=report.programme,
        report_date=report.report_date,
        title=parsed.title,
        source_file=parsed.filename,
        sheet=parsed.sheet,
        checksum=parsed.checksum,
        loaded_by=loaded_by,
        currency=parsed.currency,
        unit_applied=max(units),
        row_count=len(report.stories),
    )
    report_id, version = int(row[0][0]), int(row[0][1])
    staged = report.stories[STORY_COLUMNS]
    con.register("staged_stories", staged)
    try:
        db.execute(con, "insert_stories", report_id=report_id)
    finally:
        con.unregister("staged_stories")
    db.execute(
        con,
        "insert_audit",
        actor=loaded_by,
        action="replace" if replaced else "load",
        report_id=report_id,
        detail=f"{parsed.filename} ({len(staged)} rows)",
    )
    return Committed(report_id, report.programme, report.report_date, version, len(staged), report.totals(), replaced)


def load_file(
    con,
    data: bytes,
    filename: str,
    *,
    loaded_by: str | None = None,
    replace: bool = False,
    strict: bool = False,
    **options,
) -> tuple[ParsedExport, list[Committed]]:
    """Parse and commit in one call (command line, demo data, scheduled loads)."""
    parsed = parse_export(data, filename, **options)
    return parsed, commit(con, parsed, loaded_by=loaded_by, replace=replace, strict=strict)


# --- understanding the grid -------------------------------------------------------------------------


def _safe_name(filename: str) -> str:
    """Only the base name of an upload is kept; it never becomes a path."""
    name = re.split(r"[\\/]", str(filename))[-1]
    name = re.sub(r"[\x00-\x1f]", "", name).strip()
    return name[:200] or "upload"


def _text(cell: object) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, float):
        if cell != cell:
            return None
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, (dt.datetime, dt.date)):
        return cell.isoformat()[:10]
    text = str(cell).replace("_x000D_", "").strip()
    return text or None


def _pad(row: list, width: int) -> list:
    return list(row) + [None] * (width - len(row))


def _trim(rows: list[list]) -> list[list]:
    while rows and all(_text(c) is None for c in rows[-1]):
        rows = rows[:-1]
    return rows


def _find_header(rows: list[list], profile: dict[str, str] | None) -> int | None:
    if profile:
        wanted = {normalise_header(h) for h in profile.values()}
        for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            if wanted <= {normalise_header(c) for c in row if _text(c)}:
                return index
        return None
    best, best_score = None, 1
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = detect_mapping([_text(c) for c in row])
        if "code" not in fields and "title" not in fields:
            continue
        if len(fields) > best_score:
            best, best_score = index, len(fields)
    return best


def _metadata(rows: list[list]) -> dict:
    """Title and key: value lines above the header ('Programma: MAB', 'Peildatum | 15-06-2018')."""
    meta: dict = {}
    for row in rows:
        cells = [c for c in row if _text(c) is not None]
        if not cells:
            continue
        first = _text(cells[0])
        key, _, inline = first.partition(":")
        value = inline.strip() or (_text(cells[1]) if len(cells) > 1 else None)
        name = match_field(key) if key else None
        if normalise_header(key) in {"valuta", "currency"} and value:
            meta["currency"] = value.upper()[:3]
        elif name == "programme" and value:
            meta["programme"] = value
        elif name == "report_date" and value is not None:
            raw = cells[1] if not inline.strip() and len(cells) > 1 else inline.strip()
            parsed = _parse_date(raw)
            if parsed:
                meta["report_date"] = parsed
        elif "title" not in meta and len(cells) == 1:
            meta["title"] = first
    return meta


def _apply_profile(profile: dict[str, str], headers: list[str], parsed: ParsedExport) -> dict[str, int]:
    by_norm = {normalise_header(h): i for i, h in enumerate(headers) if h}
    mapping = {}
    for name, header in profile.items():
        index = by_norm.get(normalise_header(header))
        if index is None:
            parsed.problems.append(error("profile_column_missing", row=parsed.header_row, column=header, field=name))
        else:
            mapping[name] = index
    return mapping


def _currency(override, meta, declared: dict[str, Unit], body, mapping) -> str:
    if override:
        return override
    if meta.get("currency"):
        return meta["currency"]
    for unit in declared.values():
        if unit.currency:
            return unit.currency
    for _, row in body[:200]:
        for name in AMOUNT_FIELDS:
            text = _text(row[mapping[name]]) if name in mapping else None
            if text:
                for sign, code in (("€", "EUR"), ("£", "GBP"), ("$", "USD")):
                    if sign in text:
                        return code
    return "EUR"


def _locale(grid: Grid, body, mapping) -> str:
    samples = [
        row[mapping[name]]
        for _, row in body
        for name in AMOUNT_FIELDS
        if name in mapping and isinstance(row[mapping[name]], str)
    ]
    default = NL if grid.delimiter in (";", "\t", None) else EN
    return detect_locale(samples, default=default)


def _records(body, parsed: ParsedExport) -> tuple[list[list], list[tuple[int, list]]]:
    """One normalised record per story row; totals rows are set aside, blank and note rows skipped."""
    mapping = parsed.mapping
    headers = parsed.headers
    id_field = "code" if "code" in mapping else "title"
    records, totals_rows = [], []
    order = 0
    for row_number, row in body:
        values = {name: row[index] for name, index in mapping.items()}
        texts = [_text(c) for c in row]
        if all(t is None for t in texts):
            continue
        if _is_totals_row(texts):
            totals_rows.append((row_number, row))
            continue
        ident = _text(values.get(id_field))
        if ident is None:
            has_figures = any(_text(values.get(f)) for f in AMOUNT_FIELDS + ("status",))
            if has_figures:
                parsed.problems.append(error("missing_code", row=row_number, column=headers[mapping[id_field]]))
            else:
                parsed.problems.append(
                    warning("note_row_skipped", row=row_number, text=(next(t for t in texts if t))[:60])
                )
            continue
        record = {"code": ident if id_field == "code" else ident[:120], "source_row": row_number, "sort_order": order}
        order += 1
        for name in ("title", "programme_line", "track", "owner", "period", "status_note", "programme"):
            record[name] = _text(values.get(name))
        record["parent_code"] = _text(values.get("parent_code"))
        for name in AMOUNT_FIELDS:
            record[name] = _amount(values.get(name), name, row_number, parsed) if name in mapping else None
        if record["spent"] is None and record["realised"] is not None and record["committed"] is not None:
            record["spent"] = round(record["realised"] + record["committed"], 2)
        label = _text(values.get("status"))
        status, known = normalise_status(label)
        if not known:
            parsed.problems.append(
                warning("unknown_status", row=row_number, column=headers[mapping["status"]], label=label)
            )
        record["status"], record["status_label"] = status, label
        record["necessity"] = _necessity(values.get("necessity"), row_number, parsed)
        record["in_totals"] = _yes_no(values.get("in_totals"), row_number, parsed)
        record["report_date"] = None
        if "report_date" in mapping:
            raw = values.get("report_date")
            record["report_date"] = _parse_date(raw)
            if raw not in (None, "") and record["report_date"] is None:
                parsed.problems.append(
                    error("bad_date", row=row_number, column=headers[mapping["report_date"]], value=_text(raw))
                )
        records.append([record.get(c) for c in STORY_COLUMNS + ["programme", "report_date"]])
    return records, totals_rows


def _is_totals_row(texts: list[str | None]) -> bool:
    leading = [t for t in texts if t is not None][:2]
    return any(re.sub(r"[^a-z ]", "", t.lower()).strip() in TOTAL_WORDS for t in leading)


def _amount(raw, name: str, row_number: int, parsed: ParsedExport) -> float | None:
    column = parsed.headers[parsed.mapping[name]]
    try:
        value = parse_amount(raw, parsed.locale or NL, parsed.units.get(name, 1))
    except NotAnAmount:
        parsed.problems.append(warning("amount_text", row=row_number, column=column, value=_text(raw)))
        return None
    if value is not None:
        if value < 0:
            parsed.problems.append(warning("negative_amount", row=row_number, column=column, value=value))
        elif value > IMPLAUSIBLE_AMOUNT:
            parsed.problems.append(warning("implausible_amount", row=row_number, column=column, value=value))
    return value


def _necessity(raw, row_number, parsed) -> str | None:
    text = _text(raw)
    if text is None:
        return None
    value = _NECESSITY.get(text.lower().strip(" ."))
    if value is None:
        parsed.problems.append(
            warning("unknown_necessity", row=row_number, column=parsed.headers[parsed.mapping["necessity"]], value=text)
        )
    return value


def _yes_no(raw, row_number, parsed) -> bool:
    text = _text(raw)
    if text is None:
        return True
    word = text.lower().strip(" .")
    if word in _YES:
        return True
    if word in _NO:
        return False
    parsed.problems.append(
        warning("unknown_yes_no", row=row_number, column=parsed.headers[parsed.mapping["in_totals"]], value=text)
    )
    return True


def _parse_date(raw) -> dt.date | None:
    """dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd (with or without time), Excel serial numbers, date objects."""
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 1 <= raw < 2958466:
            return (dt.datetime(1899, 12, 30) + dt.timedelta(days=float(raw))).date()
        return None
    text = str(raw).strip()
    if not text:
        return None
    for pattern, order in ((r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"), (r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", "dmy")):
        match = re.match(pattern + r"(?:[T ].*)?$", text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            year, month, day = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _parse_date(float(text))
    return None


def _without_duplicates(frame: pd.DataFrame, parsed: ParsedExport) -> pd.DataFrame:
    """Identical repeated rows are dropped with a warning; the same code with other values is an error."""
    keys = ["programme", "report_date", "code"]
    dupes = frame[frame.duplicated(keys, keep=False)]
    if dupes.empty:
        return frame
    compare = [c for c in STORY_COLUMNS if c not in ("source_row", "sort_order")]
    drop = []
    for _, group in dupes.groupby(keys, dropna=False, sort=False):
        rows = group["source_row"].tolist()
        if len(group[compare].astype(str).drop_duplicates()) == 1:
            parsed.problems.append(
                warning("duplicate_same", row=rows[1], code=group["code"].iloc[0], first_row=rows[0])
            )
            drop.extend(group.index[1:])
        else:
            column = parsed.headers[parsed.mapping.get("code", parsed.mapping.get("title"))]
            parsed.problems.append(
                error("duplicate_code", row=rows[1], column=column, code=group["code"].iloc[0], first_row=rows[0])
            )
    return frame.drop(index=drop)


def _split_reports(frame: pd.DataFrame, programme, report_date, parsed: ParsedExport) -> list[ReportDraft]:
    frame = frame.copy()
    frame["programme"] = frame["programme"].fillna(programme) if programme else frame["programme"]
    if report_date is not None:
        frame["report_date"] = frame["report_date"].where(frame["report_date"].notna(), report_date)
    if frame["programme"].isna().any():
        first = int(frame.loc[frame["programme"].isna(), "source_row"].iloc[0])
        parsed.problems.append(error("no_programme", row=first if "programme" in parsed.mapping else None))
        return []
    if frame["report_date"].isna().any():
        first = int(frame.loc[frame["report_date"].isna(), "source_row"].iloc[0])
        parsed.problems.append(error("no_report_date", row=first if "report_date" in parsed.mapping else None))
        return []
    reports = []
    for (name, date), group in frame.groupby(["programme", "report_date"], sort=True):
        stories = group[STORY_COLUMNS].reset_index(drop=True)
        stories["sort_order"] = range(len(stories))
        reports.append(ReportDraft(str(name), date, stories))
    return reports


def _check_parents(report: ReportDraft, parsed: ParsedExport) -> None:
    codes = set(report.stories["code"])
    for _, story in report.stories[report.stories["parent_code"].notna()].iterrows():
        if story["parent_code"] not in codes:
            parsed.problems.append(
                warning(
                    "unknown_parent",
                    row=int(story["source_row"]),
                    column=parsed.headers[parsed.mapping["parent_code"]],
                    code=story["code"],
                    parent=story["parent_code"],
                )
            )
        elif story["parent_code"] == story["code"]:
            parsed.problems.append(error("self_parent", row=int(story["source_row"]), code=story["code"]))


def _check_totals_rows(totals_rows, report: ReportDraft, parsed: ParsedExport) -> None:
    """A 'Totaal' row in the file is not loaded, but it is a free check of what we did load."""
    sums = report.totals()
    for row_number, row in totals_rows[-1:]:
        for name in ("budget", "spent", "forecast"):
            if name not in parsed.mapping or sums[name] is None:
                continue
            try:
                stated = parse_amount(row[parsed.mapping[name]], parsed.locale or NL, parsed.units.get(name, 1))
            except NotAnAmount:
                continue
            if stated is not None and abs(stated - sums[name]) > max(1.0, 0.005 * abs(stated)):
                parsed.problems.append(
                    warning(
                        "totals_mismatch",
                        row=row_number,
                        column=parsed.headers[parsed.mapping[name]],
                        stated=stated,
                        computed=sums[name],
                    )
                )


def _sum_or_none(series: pd.Series) -> float | None:
    values = series.dropna()
    return round(float(values.sum()), 2) if len(values) else None


__all__ = [
    "parse_export",
    "commit",
    "load_file",
    "ensure_loadable",
    "ParsedExport",
    "ReportDraft",
    "Committed",
    "EN",
    "NL",
    "STORY_FIELDS",
]
