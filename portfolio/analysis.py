"""The questions pages ask, answered from queries/*.sql with bound parameters. No Streamlit here."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from portfolio import db
from portfolio.filters import NO_FILTERS, Filters

GROUPINGS = ("line", "track", "all")


def programmes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Programmes that have a current report, newest first."""
    return db.query(con, "programmes")


def reports(con: duckdb.DuckDBPyConnection, programme_id: int, approved_only: bool = False) -> pd.DataFrame:
    """Current reports of a programme, newest report date first; with `approved_only` the reports of
    record (per date the newest approved version, portfolio/approval.py)."""
    return db.query(con, "reports", programme_id=programme_id, approved_only=approved_only)


def report_info(con: duckdb.DuckDBPyConnection, report_id: int) -> dict:
    """Programme, date, source file, currency of one report."""
    frame = db.query(con, "report_info", report_id=report_id)
    return frame.iloc[0].to_dict() if len(frame) else {}


def _filters(filters: Filters | None, programme_line: str | None, track: str | None) -> Filters:
    """The user's filters, narrowed to one line and/or track where a page asks for one."""
    base = filters or NO_FILTERS
    if programme_line is not None:
        base = Filters(**{**base.__dict__, "lines": (programme_line,)})
    if track is not None:
        base = Filters(**{**base.__dict__, "tracks": (track,)})
    return base


def _run(con, name: str, report_id: int, filters: Filters | None, programme_line=None, track=None, **extra):
    params = _filters(filters, programme_line, track).params()
    return db.query(con, name, report_id=report_id, **params, **extra)


def rollups(
    con, report_id: int, programme_line: str | None = None, track: str | None = None, filters: Filters | None = None
) -> dict[str, pd.DataFrame]:
    """Measures and light counts at every level ('all', 'line', 'track', 'line_track') from one query."""
    return rollup_levels(_run(con, "rollup", report_id, filters, programme_line, track))


def _with_ratios(columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """A roll-up level as a DataFrame, with its ratios taken from its sums; a zero or missing
    denominator gives a missing ratio. (Built from numpy arrays in one go: column-by-column pandas
    operations cost more than the whole query on frames this small.)"""

    def share(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(bottom != 0, top / bottom, np.nan)

    columns["variance_pct"] = share(columns["variance"], columns["budget_with_forecast"])
    columns["share_spent"] = share(columns["spent_with_budget"], columns["budget_with_spent"])
    for status in ("red", "amber", "green"):  # no story on a light is a 0% share of a known budget
        columns[f"share_{status}"] = share(np.nan_to_num(columns[f"budget_{status}"]), columns["budget"])
    return pd.DataFrame(columns)


def _group_sums(values: np.ndarray, group: np.ndarray, size: int) -> np.ndarray:
    """Column sums of a 2-D float array per group (0..size-1); a group where no row gave a value
    stays missing (NaN), it does not become 0."""
    known = ~np.isnan(values)
    total = np.zeros((size, values.shape[1]))
    np.add.at(total, group, np.where(known, values, 0.0))
    given = np.zeros((size, values.shape[1]), dtype=np.int64)
    np.add.at(given, group, known)
    total[given == 0] = np.nan
    return total


def _group_counts(values: np.ndarray, group: np.ndarray, size: int) -> np.ndarray:
    """Column sums of a 2-D integer array per group (0..size-1)."""
    total = np.zeros((size, values.shape[1]), dtype=np.int64)
    np.add.at(total, group, values)
    return total


def _columns(frame: pd.DataFrame, names, dtype) -> np.ndarray:
    """These columns of a frame as one 2-D array (rows x names), missing as NaN for floats."""
    if not len(frame):
        return np.zeros((0, len(names)), dtype=dtype)
    if np.dtype(dtype).kind == "f":
        return np.column_stack([frame[n].to_numpy(dtype=float, na_value=np.nan) for n in names])
    return np.column_stack([frame[n].to_numpy(dtype=dtype) for n in names])


def rollup_levels(cells: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """rollup.sql's line x track cells added up to lines, tracks and the whole report.

    Sums stay missing where no cell gave one (missing is not zero); counts add; a group is placed by
    its first story in the source. Each level is ordered that way and carries group_name (the line or
    the track; '' for the whole report and for the cells) and the ratios.
    """
    arrays = {name: cells[name].to_numpy() for name in cells.columns}
    sums = [c for c in cells.columns if cells[c].dtype.kind == "f"]
    counts = [c for c in cells.columns if c.startswith("n_")]
    values, tallies = _columns(cells, sums, float), _columns(cells, counts, np.int64)
    first = arrays["first_order"].astype(np.int64)
    line_names = np.asarray(arrays["programme_line"], dtype=object)
    track_names = np.asarray(arrays["track"], dtype=object)
    levels = {
        "line_track": _with_ratios(
            {
                **arrays,
                "programme_line": line_names,
                "track": track_names,
                "group_name": np.full(len(cells), "", dtype=object),
            }
        )
    }
    for level, names_in in (("line", line_names), ("track", track_names), ("all", None)):
        if names_in is None:
            group, names = np.zeros(len(cells), dtype=np.int64), np.array([""], dtype=object)
        else:
            names, group = np.unique(names_in, return_inverse=True)
        size = len(names)
        total = _group_sums(values, group, size)
        tally = _group_counts(tallies, group, size)
        earliest = np.full(size, np.iinfo(np.int64).max)
        np.minimum.at(earliest, group, first)
        order = np.argsort(earliest, kind="stable")
        none = np.full(size, None, dtype=object)
        columns = {
            "programme_line": names[order] if level == "line" else none,
            "track": names[order] if level == "track" else none,
            "first_order": earliest[order],
            **{name: total[order, i] for i, name in enumerate(sums)},
            **{name: tally[order, i] for i, name in enumerate(counts)},
            "group_name": names[order],
        }
        levels[level] = _with_ratios(columns)
    return levels


def rollup(
    con: duckdb.DuckDBPyConnection,
    report_id: int,
    by: str,
    programme_line: str | None = None,
    track: str | None = None,
    filters: Filters | None = None,
) -> pd.DataFrame:
    """Measures and status counts per line, per track, or ('all') for the whole report."""
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}")
    return rollups(con, report_id, programme_line, track, filters)[by]


def totals_from(frame: pd.DataFrame) -> dict:
    if frame.empty:
        return dict(EMPTY_TOTALS)
    return {k: (None if _isnull(v) else v) for k, v in frame.iloc[0].to_dict().items()}


EMPTY_TOTALS = {
    "n_stories": 0,
    "budget": None,
    "spent": None,
    "forecast": None,
    "baseline": None,
    "variance": None,
    "variance_pct": None,
    "share_spent": None,
    "drift": None,
    "remaining": None,
    "to_spend": None,
    "n_budget": 0,
    "n_spent": 0,
    "n_forecast": 0,
    "n_variance": 0,
    "n_red": 0,
    "n_amber": 0,
    "n_green": 0,
    "n_unknown": 0,
    "n_watermelons": 0,
}


def totals(
    con: duckdb.DuckDBPyConnection,
    report_id: int,
    programme_line: str | None = None,
    track: str | None = None,
    filters: Filters | None = None,
) -> dict:
    """The KPI figures of a report (or a line/track within it) as one dict; sums are None when no story gave them."""
    return totals_from(rollup(con, report_id, "all", programme_line, track, filters))


def status_matrix(
    con, report_id: int, programme_line: str | None = None, track: str | None = None, filters: Filters | None = None
) -> pd.DataFrame:
    """Traffic-light counts and budget-weighted shares per programme line x track."""
    return rollups(con, report_id, programme_line, track, filters)["line_track"]


def attention(
    con, report_id: int, programme_line: str | None = None, track: str | None = None, filters: Filters | None = None
) -> pd.DataFrame:
    """Stories on red or amber, over budget, or greener than their figures; worst first."""
    return attention_from(stories(con, report_id, programme_line, track, filters))


def attention_from(frame: pd.DataFrame) -> pd.DataFrame:
    """The stories stories.sql marks as needing attention, worst first: red before amber (reported or by
    the figures), then the largest expected overrun, then source order."""
    flagged = frame["needs_attention"].to_numpy(dtype=bool)
    variance = frame["variance"].to_numpy(dtype=float, na_value=np.nan)[flagged]
    severity = frame["severity"].to_numpy()[flagged]
    order = np.lexsort((frame["sort_order"].to_numpy()[flagged], -np.nan_to_num(variance), -severity))
    return frame.iloc[np.flatnonzero(flagged)[order]].reset_index(drop=True)


# A forecast more than this share off its budget needs a written explanation: the UK Government Major
# Projects Portfolio's trigger. A story over it without a status note is 'unexplained'.
UNEXPLAINED_VARIANCE = 0.05


def unexplained_variance(budget, forecast, has_note) -> np.ndarray:
    """Per story, whether its variance is unexplained: the forecast is more than UNEXPLAINED_VARIANCE off
    the budget (over or under) and there is no status note. A missing budget or forecast (None/NaN) is
    not known to be off, so never unexplained; a budget of 0 with any other forecast is off.

    Takes sequences of equal length (budget and forecast as numbers or None, has_note as booleans) and
    returns a boolean array. The one home of the rule: `unexplained` (a stories frame, for the overview)
    and the progress report (portfolio.progress_report.unexplained, per story) both call it.
    """
    budget = np.asarray(budget, dtype=float)
    forecast = np.asarray(forecast, dtype=float)
    known = ~np.isnan(budget) & ~np.isnan(forecast) & ~np.asarray(has_note, dtype=bool)
    diff = np.abs(forecast - budget)  # NaN where either is missing: never compared, `known` is False
    share = np.divide(diff, np.abs(budget), out=np.zeros_like(diff), where=budget != 0)
    off = np.where(budget == 0, forecast != 0, share > UNEXPLAINED_VARIANCE)
    return known & off


def has_status_note(notes) -> np.ndarray:
    """Per story, whether it has a status note: text other than blanks (None, NaN and '  ' are none).
    A Series (a stories frame's column) is judged in one pass; a list (one story) cell by cell."""
    if isinstance(notes, pd.Series):
        return notes.astype("string").str.strip().str.len().gt(0).fillna(False).to_numpy(dtype=bool)
    return np.array([isinstance(n, str) and bool(n.strip()) for n in notes], dtype=bool)


def unexplained(frame: pd.DataFrame) -> pd.Series:
    """For a stories() frame (budget, forecast, status_note): a boolean Series on the frame's index,
    True where the story's variance is unexplained (unexplained_variance). Every row is judged; the
    progress report's summary lists those of the top-level stories that count in the totals."""
    flags = unexplained_variance(
        frame["budget"].to_numpy(dtype=float, na_value=np.nan),
        frame["forecast"].to_numpy(dtype=float, na_value=np.nan),
        has_status_note(frame["status_note"]),
    )
    return pd.Series(flags, index=frame.index, name="unexplained")


def stories(
    con, report_id: int, programme_line: str | None = None, track: str | None = None, filters: Filters | None = None
) -> pd.DataFrame:
    """Every story of the report with its measures, in source order."""
    return _run(con, "stories", report_id, filters, programme_line, track)


def story(con, report_id: int, code: str) -> tuple[dict | None, pd.DataFrame]:
    """One story's fields and its sub-items (stories whose parent it is)."""
    frame = stories(con, report_id)
    match = frame[frame["code"] == code]
    if match.empty:
        return None, frame.iloc[0:0]
    record = {k: (None if _isnull(v) else v) for k, v in match.iloc[0].to_dict().items()}
    return record, frame[frame["parent_code"] == code].reset_index(drop=True)


def milestones(con, report_id: int, codes: list[str] | None = None) -> pd.DataFrame:
    """The milestones of a report's stories (of `codes` only, where given): name, planned and actual date as
    written and as days, and whether each is missed (planned before the report date, no actual date)."""
    return db.query(con, "milestones", report_id=report_id, codes=None if codes is None else [str(c) for c in codes])


def filter_options(con, report_id: int) -> dict[str, list[str]]:
    """The values each filter can take in this report ('' = stories without one)."""
    frame = db.query(con, "filter_options", report_id=report_id)
    return {field: group["value"].tolist() for field, group in frame.groupby("field", sort=False)}


def trend_by_period(
    con, programme_id: int, filters: Filters | None = None, until_report_id: int | None = None
) -> pd.DataFrame:
    """Every current report of a programme, oldest first, one row per period class of its stories
    ('current', 'earlier', 'later', 'unknown': what the budget is for, seen from the report's year).
    With `until_report_id` only the reports up to that report's date (the page's time)."""
    return db.query(
        con, "trend", programme_id=programme_id, until_report_id=until_report_id, **(filters or NO_FILTERS).params()
    )


def trend(con, programme_id: int, filters: Filters | None = None, until_report_id: int | None = None) -> pd.DataFrame:
    """Totals of every current report of a programme, oldest first (up to `until_report_id`'s date)."""
    return trend_totals(trend_by_period(con, programme_id, filters, until_report_id))


_TREND_AMOUNTS = ("budget", "spent", "forecast", "remaining")
_TREND_COUNTS = (
    "n_stories",
    "n_budget",
    "n_spent",
    "n_forecast",
    "n_remaining",
    "n_red",
    "n_amber",
    "n_green",
    "n_unknown",
)


def trend_totals(by_period: pd.DataFrame) -> pd.DataFrame:
    """One row per report from trend_by_period(): the period classes added up. An amount no story
    gave stays missing (NaN), it does not become 0. (The rows of a report are adjacent; numpy adds
    them up in a fraction of what a pandas groupby costs on a frame this small.)"""
    ids = by_period["report_id"].to_numpy()
    new_report = np.r_[True, ids[1:] != ids[:-1]] if len(ids) else np.zeros(0, dtype=bool)
    starts, group = np.flatnonzero(new_report), np.cumsum(new_report) - 1
    size = len(starts)
    amounts = _group_sums(_columns(by_period, _TREND_AMOUNTS, float), group, size)
    counts = _group_counts(_columns(by_period, _TREND_COUNTS, np.int64), group, size)
    return pd.DataFrame(
        {
            "report_id": ids[starts],
            "report_date": by_period["report_date"].to_numpy()[starts],
            **{name: amounts[:, i] for i, name in enumerate(_TREND_AMOUNTS)},
            **{name: counts[:, i] for i, name in enumerate(_TREND_COUNTS)},
        }
    )


PERIOD_CLASSES = ("earlier", "current", "later", "unknown")  # the order the quarterly view shows them in


def quarterly(by_period: pd.DataFrame) -> pd.DataFrame:
    """The quarterly financial overview of the OWO plan: per calendar quarter, the latest report in it,
    with spent and remaining budget split by what the budget is for (this year's, carried over from
    earlier years, later years, no year given). Empty when no story's period names a year, since then
    this year and carried over cannot be told apart."""
    columns = ["year", "quarter", *by_period.columns]
    classes = by_period["period_class"].to_numpy()
    if not len(classes) or (classes == "unknown").all():
        return pd.DataFrame(columns=columns)
    dates = pd.DatetimeIndex(by_period["report_date"])
    year, quarter = dates.year.to_numpy(), dates.quarter.to_numpy()
    key = year * 10 + quarter
    # keep the rows of the latest report of each quarter, oldest quarter first
    stamps = dates.asi8
    keys, group = np.unique(key, return_inverse=True)
    latest = np.full(len(keys), np.iinfo(np.int64).min)
    np.maximum.at(latest, group, stamps)
    rows = np.flatnonzero(stamps == latest[group])
    rank = np.array([PERIOD_CLASSES.index(c) for c in classes[rows]])
    rows = rows[np.lexsort((rank, stamps[rows]))]
    frame = by_period.iloc[rows].reset_index(drop=True)
    frame.insert(0, "quarter", quarter[rows])
    frame.insert(0, "year", year[rows])
    return frame


def story_history(con, programme_id: int, code: str, approved_only: bool = False) -> pd.DataFrame:
    """One story's figures, light and note in every current report of its programme."""
    return db.query(con, "story_history", programme_id=programme_id, code=code, approved_only=approved_only)


def rebaselines(con, programme_id: int, code: str | None = None, until=None) -> pd.DataFrame:
    """Every rebaseline of the programme's stories (one story's where `code` is given), up to the report
    dated `until`: a change of budget or baseline end date between a report and the one before, with its
    reason (entered on the story page, else the export's own; None where there is none)."""
    return db.query(con, "rebaselines", programme_id=programme_id, code=code, until=until)


def baselines(con, programme_id: int, code: str, until) -> dict:
    """A story's first baseline and last approved baseline (budget and end date) side by side, with the
    forecast and forecast end of the report dated `until`; {} where the story is in no report up to it."""
    frame = db.query(con, "baselines_of_story", programme_id=programme_id, code=code, until=until)
    if frame.empty:
        return {}
    found = {k: (None if _isnull(v) else v) for k, v in frame.iloc[0].to_dict().items()}
    for name in ("first_date", "last_date"):
        found[name] = pd.Timestamp(found[name]).date()
    return found


def previous_report_id(con, programme_id: int, report_id: int) -> int | None:
    """The current report of the programme just before this one, if any."""
    frame = reports(con, programme_id)
    dates = dict(zip(frame["report_id"], frame["report_date"]))
    earlier = frame[frame["report_date"] < dates.get(report_id)]
    return int(earlier["report_id"].iloc[0]) if len(earlier) else None


def excluded(con, report_id: int) -> dict:
    """Stories the report names but leaves out of its totals: count and budget."""
    row = db.query(con, "excluded", report_id=report_id).iloc[0].to_dict()
    return {k: (None if _isnull(v) else v) for k, v in row.items()}


def _isnull(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


CONTENT_FIELDS = ("programme_line", "track", "owner", "ambition", "status_note")  # what a report may name


def report_contents(frame: pd.DataFrame) -> dict[str, bool]:
    """What a stories() frame holds beyond titles: per CONTENT_FIELDS whether any story names one (text
    other than blanks), 'amounts' whether any story has a budget, spent or forecast, and 'lights'
    whether any light is known, reported or by the figures. The overview says exactly this when a
    report holds no amounts (no claim of notes or lights it lacks)."""
    found = {name: bool(has_status_note(frame[name]).any()) for name in CONTENT_FIELDS}
    found["amounts"] = bool(frame[["budget", "spent", "forecast"]].notna().to_numpy().any())
    found["lights"] = bool(((frame["status"] != "unknown") | (frame["figures_status"] != "unknown")).any())
    return found


STATUS_MOVE_ORDER = ("worse", "better", "changed", "same")  # light moves, the one to look at first


def by_size_of_change(changed: pd.DataFrame) -> pd.DataFrame:
    """A Comparison's `changed` frame, the largest change first: the size of the forecast move (down or
    up; an unknown move after every known one), then the light's move (worse, better, changed, same),
    then the size of the budget and the spent move; ties keep the report's order."""
    keys = pd.DataFrame(
        {
            "forecast": changed["forecast_move"].astype("float64").abs().fillna(-1.0),
            "light": changed["status_move"].map({m: i for i, m in enumerate(STATUS_MOVE_ORDER)}).fillna(9),
            "budget": changed["budget_move"].astype("float64").abs().fillna(-1.0),
            "spent": changed["spent_move"].astype("float64").abs().fillna(-1.0),
        },
        index=changed.index,
    )
    order = keys.sort_values(
        ["forecast", "light", "budget", "spent"], ascending=[False, True, False, False], kind="stable"
    ).index
    return changed.loc[order].reset_index(drop=True)


WATERMELON_REASONS = (("reason_watermelon", "figures"), ("reason_watermelon_end_moved", "end_moved"))


def attention_reasons(flagged: pd.DataFrame) -> list[list[str]]:
    """Why each flagged story is on the attention list, as i18n keys ('reason_red', 'reason_over',
    'reason_figures_red_schedule': the light by the figures and whether cost or schedule made it;
    'reason_watermelon_end_moved': reported green while its end moved beyond the margin; 'reason_stuck',
    'reason_end_passed')."""
    n = len(flagged)

    def column(name: str, empty) -> list:
        return list(flagged[name]) if name in flagged else [empty] * n

    reasons = []
    for status, over, light, cause, melon, stuck, passed in zip(
        flagged["status"],
        flagged["over_budget"],
        column("figures_status", None),
        column("figures_cause", None),
        column("watermelon_cause", None),
        column("stuck", False),
        column("end_passed", False),
        strict=True,
    ):
        keys = [f"reason_{status}"] if status in ("red", "amber") else []
        if over:
            keys.append("reason_over")
        if light in ("red", "amber") and isinstance(cause, str):  # what made the light by the figures
            keys.append(f"reason_figures_{light}_{cause}")
        if isinstance(melon, str):  # by its figures, its end moved beyond the margin since the previous report, or both
            keys += [key for key, part in WATERMELON_REASONS if part in melon]
        if stuck is True:
            keys.append("reason_stuck")
        if passed is True:
            keys.append("reason_end_passed")
        reasons.append(keys)
    return reasons


def report_rhythm(con, programme: str) -> int | None:
    """The rhythm `programme` is expected to report in, in months; None where none is set."""
    frame = db.query(con, "programme_rhythm", programme=programme)
    value = frame["report_every_months"].iloc[0] if len(frame) else None
    return None if value is None or pd.isna(value) else int(value)


def status_rules(con, programme: str | None = None) -> dict:
    """The controller's rules for the light the figures give (shares, e.g. 0.05 = 5%): those of
    `programme` where it has its own ('own' true), else everybody's."""
    row = db.query(con, "status_rules", programme=programme).iloc[0].to_dict()
    return {k: (None if _isnull(v) else v) for k, v in row.items()}
