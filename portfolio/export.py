"""Out of the dashboard: the filtered data as a formatted Excel workbook and as CSV.

export_file(cur, report_id, kind, lang, filters) makes the whole download from plain arguments, so the
app's download buttons and the command line make the same file; export_frames gives its tables.

Text a spreadsheet would execute (cells starting with = + - @, or a tab or carriage return) is
neutralised with a leading apostrophe in every export (OWASP 'CSV injection'). In the CSV every field
is quoted, and a formula start after any character a reader might split on (, ; tab | line breaks
and a double quote) gets the apostrophe too: a ';' export opened as ',' (or split by hand) never yields a cell
that starts a formula. Only text is touched; numbers (negative amounts too) stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from portfolio import analysis, charts, fmt, narrative, planning_charts, portfolio_view
from portfolio.filters import NO_FILTERS, Filters
from portfolio.i18n import t

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
# Where a reader of a CSV might start a new cell: the delimiters in use anywhere, line breaks, and a
# double quote (a reader that unescapes "" wrongly ends the field there).
SEPARATORS = ',;\t|\r\n"'
# A formula start at the start of the text or after a separator, past blanks and double quotes (a
# reader may trim those): the apostrophe goes right before the dangerous character.
_CSV_FORMULA = re.compile(f'(^|[{re.escape(SEPARATORS)}])([ \u00a0"]*)(?=[{re.escape("".join(DANGEROUS_START))}])')
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
MAX_COLUMN_WIDTH = 60


def neutralise(value):
    """A text cell that would start a formula gets a leading apostrophe; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def neutralise_csv(value):
    """A text cell for a CSV: an apostrophe before every formula start, at the start of the text and
    after any separator character; other values (numbers, dates, missing) pass unchanged."""
    if isinstance(value, str):
        return _CSV_FORMULA.sub(r"\1\2'", value)
    return value


def _safe_sheet_title(title: str) -> str:
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31] or "Blad"


def currency_format(currency: str, lang: str = "nl") -> str:
    """An amount cell's number format: the currency's sign as fmt writes it, whole units (fmt.DECIMALS)."""
    symbol = fmt.symbol(currency, lang)
    digits = "#,##0" + ("." + "0" * fmt.DECIMALS["amount"] if fmt.DECIMALS["amount"] else "")
    return f'"{symbol}" {digits};"{symbol}" -{digits}'


def percent_format() -> str:
    """A share cell's number format, with fmt's decimals for shares: '0.0%'."""
    return "0" + ("." + "0" * fmt.DECIMALS["share"] if fmt.DECIMALS["share"] else "") + "%"


def shown_shares(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """The frame with its share columns as fmt writes them (-7,7% is -0.077): the workbook and the CSV
    hold the value every page shows, not more digits a reader would round another way."""
    frame = frame.copy()
    for column in columns:
        if column in frame.columns:
            frame[column] = [fmt.shown_share(v) for v in pd.to_numeric(frame[column], errors="coerce")]
    return frame


def to_excel(
    sheets: dict[str, pd.DataFrame],
    about: list[tuple[str, str]],
    *,
    currency: str = "EUR",
    amount_columns: set[str] = frozenset(),
    percent_columns: set[str] = frozenset(),
    currency_column: str | None = None,
    lang: str = "nl",
) -> bytes:
    """A workbook: first a sheet saying what it holds (programme, report, filters), then one per view.

    Amount columns get the currency format, percentage columns a percent format; headers are bold,
    frozen and filterable. Every text cell is neutralised. A sheet with a `currency_column` (the
    portfolio, whose rows are in different currencies) formats each row's amounts in its own currency.
    """
    book = Workbook()
    info = book.active
    info.title = "Filter"
    for row, (label, value) in enumerate(about, start=1):
        info.cell(row=row, column=1, value=neutralise(label)).font = Font(bold=True)
        info.cell(row=row, column=2, value=neutralise(value))
    info.column_dimensions["A"].width = 24
    info.column_dimensions["B"].width = 80
    for title, frame in sheets.items():
        sheet = book.create_sheet(_safe_sheet_title(title))
        for column, name in enumerate(frame.columns, start=1):
            cell = sheet.cell(row=1, column=column, value=neutralise(str(name)))
            cell.font, cell.fill = Font(bold=True), HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        currency_at = list(frame.columns).index(currency_column) if currency_column in frame.columns else None
        for row_number, row in enumerate(frame.itertuples(index=False), start=2):
            row_currency = row[currency_at] if currency_at is not None else currency
            for column, value in enumerate(row, start=1):
                if value is None or (isinstance(value, float) and value != value):
                    continue  # missing stays empty, never 0
                if isinstance(value, pd.Timestamp):
                    value = value.to_pydatetime()
                cell = sheet.cell(row=row_number, column=column, value=neutralise(value))
                name = frame.columns[column - 1]
                if name in amount_columns:
                    cell.number_format = currency_format(row_currency, lang)
                elif name in percent_columns:
                    cell.number_format = percent_format()
                elif isinstance(value, (dt.date, dt.datetime)):
                    cell.number_format = "DD-MM-YYYY"
        for column, name in enumerate(frame.columns, start=1):
            longest = max([len(str(name))] + [len(str(v)) for v in frame.iloc[:200, column - 1]])
            sheet.column_dimensions[get_column_letter(column)].width = min(MAX_COLUMN_WIDTH, max(8, longest + 2))
        sheet.freeze_panes = "A2"
        if len(frame.columns):
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{max(1, len(frame) + 1)}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame, lang: str = "nl") -> bytes:
    """CSV as the reader's spreadsheet expects it: Dutch ';' with decimal comma, English ',' with point.

    UTF-8 with a byte-order mark so Excel reads the € and accents; every field quoted, text cells
    (and headers) neutralised at the start and after every separator character.
    """
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_csv)
    safe.columns = [neutralise_csv(str(name)) for name in safe.columns]
    text = safe.to_csv(
        index=False,
        sep=";" if lang == "nl" else ",",
        decimal="," if lang == "nl" else ".",
        lineterminator="\r\n",
        quoting=csv.QUOTE_ALL,
    )
    return ("\ufeff" + text).encode("utf-8")


def group_label(name: str, lang: str, kind: str) -> str:
    """A programme line's or track's name; stories without one are grouped under a word for that."""
    return name or t("none_line" if kind == "line" else "none_track", lang)


def quarterly_frame(lang: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The quarterly overview with translated labels and plain amounts (for the export)."""
    return pd.DataFrame(
        {
            t("quarter", lang): [charts.quarter_label(y, q, lang) for y, q in zip(frame["year"], frame["quarter"])],
            t("report_date", lang): pd.to_datetime(frame["report_date"]).dt.date,
            t("period_class", lang): [t(f"period_{c}", lang) for c in frame["period_class"]],
            t("n_stories", lang): frame["n_stories"].astype(int),
            t("budget", lang): frame["budget"],
            t("spent", lang): frame["spent"],
            t("remaining", lang): frame["remaining"],
            t("forecast", lang): frame["forecast"],
        }
    )


AMOUNTS = ("budget", "spent", "forecast", "variance", "remaining", "to_spend", "baseline", "drift")


def export_frames(
    cur, report_id: int, lang: str, filters: Filters = NO_FILTERS
) -> tuple[dict[str, pd.DataFrame], set[str], set[str]]:
    """The filtered views of a report as plain tables with translated headers: stories, per line, per
    track, and the programme's quarters; with the headers of the amount and of the percentage columns."""
    programme_id = int(analysis.report_info(cur, report_id)["programme_id"])
    stories = analysis.stories(cur, report_id, filters=filters)
    story_columns = [
        "code",
        "title",
        "programme_line",
        "track",
        "owner",
        "parent_code",
        "period",
        *AMOUNTS,
        "variance_pct",
        "status",
        "figures_status",
        "status_label",
        "status_note",
        "necessity",
    ]
    frame = stories[story_columns].copy()
    _schedule_columns(frame, stories, lang)
    frame["status"] = [t(s, lang) for s in frame["status"]]
    frame["figures_status"] = [t(s, lang) for s in frame["figures_status"]]
    frame["necessity"] = [t(n, lang) if isinstance(n, str) else None for n in frame["necessity"]]
    # the ambition the pages and the written report show: typed, else the export's, else carried over
    told = narrative.read(cur, int(report_id))
    ambitions = {
        code: entry.body for code in frame["code"] if (entry := told.get(narrative.STORY, code, "ambition")) is not None
    }
    if ambitions:  # only a report that states ambitions gets the column
        frame.insert(frame.columns.get_loc("status_note"), "ambition", [ambitions.get(c) for c in frame["code"]])
    sheets = {t("stories", lang): frame.rename(columns=lambda c: t(c, lang))}
    milestones = analysis.milestones(cur, report_id, [str(c) for c in frame["code"]]) if len(frame) else None
    if milestones is not None and len(milestones):  # a sheet of its own, only where the export names milestones
        sheets[t("milestones", lang)] = planning_charts.milestone_table(milestones, lang, with_code=True)
    group_columns = [
        "group_name",
        "n_stories",
        "budget",
        "spent",
        "forecast",
        "variance",
        "remaining",
        "to_spend",
        "variance_pct",
        "share_spent",
        "n_red",
        "n_amber",
        "n_green",
        "n_unknown",
        "n_watermelons",
    ]
    for by, title in (("line", "page_lines"), ("track", "page_tracks")):
        rollup = analysis.rollup(cur, report_id, by, filters=filters)[group_columns].copy()
        rollup["group_name"] = [group_label(n, lang, by) for n in rollup["group_name"]]
        names = {
            "group_name": t("programme_line" if by == "line" else "track", lang),
            "n_stories": t("n_stories", lang),
            "n_red": t("red", lang),
            "n_amber": t("amber", lang),
            "n_green": t("green", lang),
            "n_unknown": t("unknown", lang),
            "n_watermelons": t("watermelons", lang),
        }
        sheets[t(title, lang)] = rollup.rename(columns={c: names.get(c) or t(c, lang) for c in rollup.columns})
    quarters = analysis.quarterly(analysis.trend_by_period(cur, programme_id, filters))
    if not quarters.empty:
        sheets[t("page_quarterly", lang)] = quarterly_frame(lang, quarters)
    amount_labels = {t(c, lang) for c in AMOUNTS}
    percent_labels = {t("variance_pct", lang), t("share_spent", lang), t("slip_share", lang)}
    return (
        {title: shown_shares(sheet, percent_labels) for title, sheet in sheets.items()},
        amount_labels,
        percent_labels,
    )


SCHEDULE_DATES = ("start_date", "planned_end", "approved_end", "forecast_end")


def _schedule_columns(frame: pd.DataFrame, stories: pd.DataFrame, lang: str) -> None:
    """The schedule beside the money (issue 22), only where a story has an end date: the dates as the export
    wrote them, the slip and the end's move since the previous report in days (least .. most for a period),
    the slip as a share of the planned duration, and whether it is stuck or past its end."""
    if not stories[["planned_end", "approved_end", "forecast_end"]].notna().to_numpy().any():
        return
    from portfolio import schedule

    for name in SCHEDULE_DATES:
        frame[name] = stories[name]
    frame["slip_days"] = [
        schedule.slip_cell(a, b) for a, b in zip(stories["slip_days_min"], stories["slip_days_max"], strict=True)
    ]
    frame["slip_share"] = stories["slip_share_min"].astype("float64")
    frame["end_move_days"] = [
        schedule.slip_cell(a, b)
        for a, b in zip(stories["end_move_days_min"], stories["end_move_days_max"], strict=True)
    ]
    frame["stuck"] = [t("yes" if v else "no", lang) for v in stories["stuck"]]
    frame["end_passed"] = [t("yes" if v else "no", lang) for v in stories["end_passed"]]


def export_file(cur, report_id: int, kind: str, lang: str, filters: Filters = NO_FILTERS) -> bytes:
    """The filtered data of a report as a formatted Excel workbook ('xlsx') or its stories as CSV ('csv')."""
    sheets, amount_labels, percent_labels = export_frames(cur, report_id, lang, filters)
    if kind == "csv":
        return to_csv(sheets[t("stories", lang)], lang)
    info = analysis.report_info(cur, report_id)
    about = [
        (t("programme", lang), info["programme"]),
        (t("report_date", lang), fmt.date(info["report_date"], lang)),
        (t("source", lang), info["source_file"]),
        (t("filters", lang), "; ".join(f"{k}: {v}" for k, v in filters.describe(lang)) or t("all", lang)),
    ]
    return to_excel(
        sheets,
        about,
        currency=info.get("currency", "EUR"),
        amount_columns=amount_labels,
        percent_columns=percent_labels,
        lang=lang,
    )


def portfolio_frames(frame: pd.DataFrame, totals: pd.DataFrame, lang: str) -> tuple[dict[str, pd.DataFrame], set, set]:
    """The portfolio (portfolio_view.programmes, worst first) and its totals per currency as plain
    tables with translated headers: numbers stay numbers, missing stays empty, each row keeps its
    currency in the currency column; with the headers of the amount and of the percentage columns."""
    reported, figures = t("pf_reported", lang), t("figures_status", lang)
    columns = {
        "rank": "#",
        "programme": t("programme", lang),
        "report_date": t("report_date", lang),
        "age_days": t("pf_age_days_column", lang),
        "usual_interval_days": t("pf_interval_column", lang),
        "overdue": t("pf_overdue", lang),
        "currency": t("pf_currency", lang),
        "n_stories": t("n_stories", lang),
        "budget": t("budget", lang),
        "spent": t("spent", lang),
        "forecast": t("forecast", lang),
        "variance": t("variance", lang),
        "variance_pct": t("variance_pct", lang),
        "share_spent": t("share_spent", lang),
        **{f"n_{light}": f"{reported}: {t(light, lang)}" for light in (*portfolio_view.LIGHTS, "unknown")},
        **{
            f"share_{light}": t("pf_budget_share", lang, what=reported, light=t(light, lang).lower())
            for light in portfolio_view.LIGHTS
        },
        **{f"n_figures_{light}": f"{figures}: {t(light, lang)}" for light in (*portfolio_view.LIGHTS, "unknown")},
        **{
            f"share_figures_{light}": t("pf_budget_share", lang, what=figures, light=t(light, lang).lower())
            for light in portfolio_view.LIGHTS
        },
        "n_watermelons": t("watermelons", lang),
        "n_late": t("plan_late", lang),  # the schedule beside the money (issue 22)
        "n_stuck": t("stuck", lang),
        "n_end_passed": t("end_passed", lang),
        "previous_report_date": t("pf_previous_date", lang),
        "n_worse": t("pf_worse_reported_column", lang),
        "n_figures_worse": t("pf_worse_figures_column", lang),
        "forecast_move": t("pf_forecast_move", lang),
        "source_file": t("source", lang),
    }
    sheet = frame[list(columns)].copy()
    sheet["overdue"] = [t("yes" if late else "no", lang) for late in sheet["overdue"]]
    sheet["usual_interval_days"] = sheet["usual_interval_days"].astype("float64")
    sheet["previous_report_date"] = [None if pd.isna(d) else d for d in sheet["previous_report_date"]]
    total_columns = {
        "currency": t("pf_currency", lang),
        "n_programmes": t("pf_n_programmes", lang),
        "n_with_amounts": t("pf_n_with_amounts", lang),
        "budget": t("budget", lang),
        "spent": t("spent", lang),
        "forecast": t("forecast", lang),
        "variance": t("variance", lang),
        "variance_pct": t("variance_pct", lang),
        "share_spent": t("share_spent", lang),
        "n_watermelons": t("watermelons", lang),
        "n_overdue": t("pf_overdue", lang),
    }
    sheets = {
        t("page_portfolio", lang): sheet.rename(columns=columns),
        t("pf_totals", lang): totals[list(total_columns)].rename(columns=total_columns),
    }
    amount_labels = {t(name, lang) for name in ("budget", "spent", "forecast", "variance")} | {columns["forecast_move"]}
    percent_labels = {t("variance_pct", lang), t("share_spent", lang)} | {
        columns[f"share_{prefix}{light}"] for prefix in ("", "figures_") for light in portfolio_view.LIGHTS
    }
    return (
        {title: shown_shares(sheet, percent_labels) for title, sheet in sheets.items()},
        amount_labels,
        percent_labels,
    )


def portfolio_file(cur, lang: str, today: dt.date | None = None, visible=None, approved_only: bool = False) -> bytes:
    """Every programme at its latest report, worst first, and the totals per currency, as a workbook;
    with `visible` (names -> the names a person may see) only those programmes; with `approved_only`
    at their latest reports of record."""
    today = today or dt.date.today()
    frame = portfolio_view.only(portfolio_view.programmes(cur, today, approved_only), visible)
    sheets, amount_labels, percent_labels = portfolio_frames(frame, portfolio_view.currency_totals(frame), lang)
    about = [
        (t("page_portfolio", lang), t("pf_about", lang, date=fmt.date(today, lang))),
        (t("pf_overdue", lang), t("pf_overdue_rule", lang)),
        ("#", t("pf_order_rule", lang)),
        (t("pf_totals", lang), t("pf_totals_note", lang)),
    ]
    return to_excel(
        sheets,
        about,
        amount_columns=amount_labels,
        percent_columns=percent_labels,
        currency_column=t("pf_currency", lang),
        lang=lang,
    )
