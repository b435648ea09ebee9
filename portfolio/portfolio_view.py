"""The portfolio: every programme at its latest report, worst first, with totals per currency.

One question for all programmes (queries/portfolio_programmes.sql); the ratios, the age of each
report, the overdue mark and the order are taken here. No Streamlit here: the portfolio page, its
Excel export and the tests call these.

Rules (the page and README.md say them too):
- usual interval: the median number of days between a programme's consecutive current reports; a
  programme with one report has none.
- overdue: the latest report is older than the rhythm the programme is expected to report in: the one
  set for it (every N months, on the Rules page), else its usual interval (days from its report date to
  today), else, with one report, quarterly (DEFAULT_RHYTHM_MONTHS). rhythm_source says which.
- worst first: the largest share of the budget that is red by the figures; then the most watermelons
  (reported green, amber or red by the figures); then the most stories reported red; then the largest
  overrun as a share of the budget; then the name. A programme without amounts has no share and
  no overrun: it comes after the programmes that have one, on equal terms otherwise.
- totals: added up only within one currency, one row per currency; a sum no programme gave stays missing.
- illustrations: a programme whose name says it is one ('(illustratie)', names.is_illustration) has
  invented figures: it comes after every real programme and is never added to their totals.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from portfolio import db, names

COUNTS = (
    "n_stories",
    "n_budget",
    "n_forecast",
    "n_red",
    "n_amber",
    "n_green",
    "n_unknown",
    "n_figures_red",
    "n_figures_amber",
    "n_figures_green",
    "n_figures_unknown",
    "n_watermelons",
    "n_stuck",
    "n_end_passed",
    "n_late",
)
DEFAULT_RHYTHM_MONTHS = 3  # quarterly: the rhythm of a programme with one report and none set (issue 22)
AMOUNTS = ("budget", "spent", "forecast", "variance")
LIGHTS = ("red", "amber", "green")


def _share(top, bottom) -> np.ndarray:
    """top / bottom; a zero or missing denominator gives a missing share."""
    top = np.asarray(top, dtype=float)
    bottom = np.asarray(bottom, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where((bottom != 0) & ~np.isnan(bottom), top / bottom, np.nan)


def programmes(con, today: dt.date | None = None, approved_only: bool = False) -> pd.DataFrame:
    """Every programme at its latest current report, worst first (see the module's rules); with
    `approved_only` at its latest report of record (per date the newest approved version).

    Columns: programme_id, programme, report_id, report_date, currency, source_file, n_reports,
    usual_interval_days, age_days, overdue, previous_report_id, previous_report_date, the counts in
    COUNTS, budget, spent, forecast, variance, variance_pct, share_spent, share_<light> and
    share_figures_<light> (of the budget), n_worse, n_figures_worse, forecast_move (None where there
    is no previous report or no forecast in one of the two).
    """
    today = today or dt.date.today()
    frame = db.query(con, "portfolio_programmes", approved_only=approved_only)
    for name in COUNTS:
        frame[name] = frame[name].fillna(0).astype(int)
    has_previous = frame["previous_report_id"].notna().to_numpy()
    for name in ("n_worse", "n_figures_worse"):  # no story in common with the previous report: none got worse
        values = frame[name].astype("float64").to_numpy()
        frame[name] = np.where(has_previous, np.nan_to_num(values), np.nan)
    report_dates = pd.to_datetime(frame["report_date"])
    frame["report_date"] = report_dates.dt.date
    frame["previous_report_date"] = pd.to_datetime(frame["previous_report_date"]).dt.date
    frame["age_days"] = [(today - d).days for d in frame["report_date"]]
    frame["rhythm_source"], frame["due_date"] = (
        zip(*(_due(row) for _, row in frame.iterrows())) if len(frame) else ((), ())
    )
    frame["overdue"] = [today > due for due in frame["due_date"]]
    frame["variance_pct"] = _share(frame["variance"], frame["budget_with_forecast"])
    frame["share_spent"] = _share(frame["spent_with_budget"], frame["budget_with_spent"])
    for light in LIGHTS:  # no story on a light is a 0% share of a known budget
        frame[f"share_{light}"] = _share(np.nan_to_num(frame[f"budget_{light}"].to_numpy(float)), frame["budget"])
        frame[f"share_figures_{light}"] = _share(
            np.nan_to_num(frame[f"budget_figures_{light}"].to_numpy(float)), frame["budget"]
        )
    frame["forecast_move"] = frame["forecast"].astype(float) - frame["previous_forecast"].astype(float)
    return worst_first(frame)


def only(frame: pd.DataFrame, visible=None) -> pd.DataFrame:
    """The programmes a person may see (`visible`: names -> the names allowed), ranked among themselves;
    all of them without `visible`."""
    if visible is None or frame.empty:
        return frame
    kept = frame[frame["programme"].isin(visible(frame["programme"].tolist()))].drop(columns="rank")
    return worst_first(kept.reset_index(drop=True))


def _due(row) -> tuple[str, dt.date]:
    """(where the rhythm comes from, the day by which the next report is due): the rhythm set for the
    programme ('set', every N months), else its usual interval ('usual', days), else quarterly ('default')."""
    report_date = row["report_date"]
    months = row.get("report_every_months")
    if months is not None and not pd.isna(months):
        return "set", (pd.Timestamp(report_date) + pd.DateOffset(months=int(months))).date()
    interval = row["usual_interval_days"]
    if interval is not None and not pd.isna(interval):  # older than the interval: more days, not as many
        return "usual", report_date + dt.timedelta(days=int(np.floor(float(interval))))
    return "default", (pd.Timestamp(report_date) + pd.DateOffset(months=DEFAULT_RHYTHM_MONTHS)).date()


def illustrations(frame: pd.DataFrame) -> np.ndarray:
    """Per programme: whether it is an illustration with invented figures (names.is_illustration)."""
    return np.array([names.is_illustration(name) for name in frame["programme"]], dtype=bool)


def worst_first(frame: pd.DataFrame) -> pd.DataFrame:
    """The programmes in the order of the module's rule, numbered from 1 in `rank`; illustrations after
    every real programme (and `illustration` says which they are)."""
    frame = frame.assign(illustration=illustrations(frame))
    red_share = frame["share_figures_red"].to_numpy(float)
    overrun = frame["variance_pct"].to_numpy(float)
    order = np.lexsort(
        (
            frame["programme"].str.casefold().to_numpy(),
            np.isnan(overrun),  # no overrun known: after the ones that have one
            -np.nan_to_num(overrun, nan=0.0),
            -frame["n_red"].to_numpy(),
            -frame["n_watermelons"].to_numpy(),
            np.isnan(red_share),  # no amounts: after the ones that have a share
            -np.nan_to_num(red_share, nan=0.0),
            frame["illustration"].to_numpy(),  # invented figures: after every real programme
        )
    )
    ranked = frame.iloc[order].reset_index(drop=True)
    ranked.insert(0, "rank", np.arange(1, len(ranked) + 1))
    return ranked


def currency_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per currency: how many programmes, how many of them gave amounts, and budget, spent,
    forecast and variance added up over those programmes only (a currency where none did: missing),
    with the share spent and the variance as a share of the budget taken from those sums. Real
    programmes only: an illustration's invented figures are never added to real ones."""
    rows = []
    for currency, group in frame[~illustrations(frame)].groupby("currency", sort=True):

        def total(name: str, group=group) -> float:
            values = group[name].astype(float)
            return float(values.sum()) if values.notna().any() else np.nan

        rows.append(
            {
                "currency": currency,
                "n_programmes": len(group),
                "n_with_amounts": int(group["budget"].notna().sum()),
                **{name: total(name) for name in (*AMOUNTS, "budget_with_forecast", "spent_with_budget")},
                "budget_with_spent": total("budget_with_spent"),
                "n_watermelons": int(group["n_watermelons"].sum()),
                "n_overdue": int(group["overdue"].sum()),
            }
        )
    totals = pd.DataFrame(
        rows,
        columns=[
            "currency",
            "n_programmes",
            "n_with_amounts",
            *AMOUNTS,
            "budget_with_forecast",
            "spent_with_budget",
            "budget_with_spent",
            "n_watermelons",
            "n_overdue",
        ],
    )
    totals["variance_pct"] = _share(totals["variance"], totals["budget_with_forecast"])
    totals["share_spent"] = _share(totals["spent_with_budget"], totals["budget_with_spent"])
    return totals


def age_text(days: int, lang: str) -> str:
    """How old a report is, in words: days up to two months, months up to two years, then whole years."""
    from portfolio.i18n import t

    if days == 1:
        return t("pf_age_day", lang)
    if days < 60:
        return t("pf_age_days", lang, n=days)
    if days < 730:
        return t("pf_age_months", lang, n=int(days // 30.44))
    return t("pf_age_years", lang, n=int(days // 365.25))


def short_date(value, lang: str) -> str:
    """A report date in a table cell: '31-03-2019' (nl), '31 Mar 2019' (en)."""
    from portfolio import fmt

    return fmt.short_date(pd.Timestamp(value), lang)


def rhythm_text(row, lang: str) -> str:
    """'⚠ overdue (usual 92 days)', 'on time (...)', the same for a rhythm set ('every 3 months') or the
    quarterly default of a programme with one report."""
    from portfolio import fmt
    from portfolio.i18n import t

    late = bool(row["overdue"])
    if row["rhythm_source"] == "set":
        return t("pf_rhythm_set_late" if late else "pf_rhythm_set", lang, months=int(row["report_every_months"]))
    if row["rhythm_source"] == "default":
        return t("pf_rhythm_default_late" if late else "pf_rhythm_default", lang, months=DEFAULT_RHYTHM_MONTHS)
    interval = float(row["usual_interval_days"])
    days = fmt.number(interval, 0 if interval.is_integer() else 1, lang)
    return t("pf_overdue_mark" if late else "pf_on_time", lang, days=days)


def lights_text(row, prefix: str, lang: str) -> str:
    """Counts per light, worst first, lights no story has left out: '✖ Rood 1 · ▲ Oranje 3 · ✔ Groen 7'."""
    from portfolio import charts

    parts = [
        f"{charts.status_text(light, lang)} {int(row[f'n_{prefix}{light}'])}"
        for light in (*LIGHTS, "unknown")
        if row[f"n_{prefix}{light}"]
    ]
    return " · ".join(parts) or "–"


def budget_lights_text(row, prefix: str, lang: str) -> str:
    """The budget's shares per light: '✖ Rood 12,0% · ▲ Oranje 30,0% · ✔ Groen 58,0%'; – without a budget."""
    from portfolio import charts, fmt

    shares = [(light, row[f"share_{prefix}{light}"]) for light in LIGHTS]
    if all(pd.isna(share) for _, share in shares):
        return fmt.MISSING
    return " · ".join(
        f"{charts.status_text(light, lang)} {fmt.percent(share, lang)}" for light, share in shares if share
    )


def worse_text(row, lang: str) -> str:
    """What got worse since the programme's previous report: lights (reported, by the figures) and a
    forecast that went up; 'nothing worse', or 'first report' when there is none before it."""
    from portfolio import fmt
    from portfolio.i18n import t

    if pd.isna(row["previous_report_id"]):
        return t("pf_first_report", lang)
    parts = []
    if row["n_worse"]:
        parts.append(t("pf_worse_reported", lang, n=int(row["n_worse"])))
    if row["n_figures_worse"]:
        parts.append(t("pf_worse_figures", lang, n=int(row["n_figures_worse"])))
    move = row["forecast_move"]
    if not pd.isna(move) and move >= 0.005:
        parts.append(t("pf_forecast_up", lang, amount=fmt.money(move, row["currency"], lang, signed=True)))
    return " · ".join(parts) or t("pf_nothing_worse", lang)


def one_currency(frame: pd.DataFrame) -> str | None:
    """The currency every programme reports in, or None when they differ (or there are none)."""
    currencies = set(frame["currency"].dropna())
    return currencies.pop() if len(currencies) == 1 else None


def _money(frame: pd.DataFrame, column: str, lang: str) -> list:
    """An amount column for a table: numbers (NaN when missing, never 0) when every programme has one
    currency, so the column sorts by value; else each amount written out with its own currency sign."""
    from portfolio import fmt

    if one_currency(frame) is not None:  # as fmt writes them: whole units, half up
        return [fmt.shown_amount(v) for v in pd.to_numeric(frame[column], errors="coerce").astype("float64")]
    return [fmt.money(value, currency, lang) for value, currency in zip(frame[column], frame["currency"])]


def _shares(values: pd.Series) -> list[float]:
    """Shares as numbers (0.103 is 10.3%) rounded as fmt writes them (a table cuts digits off where
    the rest rounds), NaN when missing: they sort by value."""
    from portfolio import fmt

    return [fmt.shown_share(v) for v in pd.to_numeric(values, errors="coerce").astype("float64")]


def table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The programmes as the page shows them first: text in the language; amounts as numbers when all
    programmes share a currency, else written out each in its own currency (never summed); shares as
    numbers; missing stays missing (the page shows –). The report date with its age and the overdue mark, budget and variance, the share of the
    budget red by the figures, the watermelons and what got worse; lights_table has the rest."""
    from portfolio.i18n import t

    rows = [row for _, row in frame.iterrows()]

    def dated(row) -> str:
        text = t(
            "pf_date_age", lang, date=short_date(row["report_date"], lang), age=age_text(int(row["age_days"]), lang)
        )
        return f"{text} · {t('pf_overdue_short', lang)}" if row["overdue"] else text

    return pd.DataFrame(
        {
            t("programme", lang): frame["programme"],
            t("report_date", lang): [dated(r) for r in rows],
            t("budget", lang): _money(frame, "budget", lang),
            t("variance_pct", lang): _shares(frame["variance_pct"]),
            t("pf_red_by_figures", lang): _shares(frame["share_figures_red"]),
            t("pf_watermelons", lang): frame["n_watermelons"].astype(int),
            t("pf_worse", lang): [worse_text(r, lang) for r in rows],
        }
    )


def lights_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The same programmes in the same order: lights by count and by budget, reported and by the
    figures, the reporting rhythm, and the amounts the first table leaves out."""
    from portfolio.i18n import t

    rows = [row for _, row in frame.iterrows()]
    return pd.DataFrame(
        {
            t("programme", lang): frame["programme"],
            t("pf_reported_count", lang): [lights_text(r, "", lang) for r in rows],
            t("pf_reported_budget", lang): [budget_lights_text(r, "", lang) for r in rows],
            t("pf_figures_count", lang): [lights_text(r, "figures_", lang) for r in rows],
            t("pf_figures_budget", lang): [budget_lights_text(r, "figures_", lang) for r in rows],
            t("pf_rhythm", lang): [rhythm_text(r, lang) for r in rows],
            t("pf_stuck_passed", lang): [
                f"{int(r['n_late'])} · {int(r['n_stuck'])} · {int(r['n_end_passed'])}" for r in rows
            ],
            t("forecast", lang): _money(frame, "forecast", lang),
            t("spent", lang): _money(frame, "spent", lang),
            t("share_spent", lang): _shares(frame["share_spent"]),
            t("variance", lang): _money(frame, "variance", lang),
        }
    )


def totals_table(totals: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The totals per currency as the page shows them."""
    from portfolio import fmt
    from portfolio.i18n import t

    rows = [row for _, row in totals.iterrows()]
    return pd.DataFrame(
        {
            t("pf_currency", lang): totals["currency"],
            t("pf_n_programmes", lang): totals["n_programmes"].astype(int),
            t("pf_n_with_amounts", lang): totals["n_with_amounts"].astype(int),
            **{
                t(name, lang): [fmt.money(r[name], r["currency"], lang) for r in rows]
                for name in ("budget", "spent", "forecast", "variance")
            },
            t("variance_pct", lang): [fmt.percent(v, lang, signed=True) for v in totals["variance_pct"]],
            t("share_spent", lang): [fmt.percent(v, lang) for v in totals["share_spent"]],
        }
    )


def card(row, lang: str) -> list[tuple[str, str]]:
    """One programme as (label, text) pairs, for a screen too narrow for the tables: what both tables
    show of it, in the same words and the same figures (amounts in whole units, as the table writes them)."""
    from portfolio import fmt
    from portfolio.i18n import t

    def money(name: str) -> str:
        return fmt.money_stated(fmt.shown_amount(row[name]), row["currency"], lang)

    dated = t("pf_date_age", lang, date=short_date(row["report_date"], lang), age=age_text(int(row["age_days"]), lang))
    return [
        (t("report_date", lang), dated),
        (t("pf_rhythm", lang), rhythm_text(row, lang)),
        (t("budget", lang), money("budget")),
        (t("variance_pct", lang), fmt.percent(row["variance_pct"], lang)),
        (t("pf_red_by_figures", lang), fmt.percent(row["share_figures_red"], lang)),
        (t("pf_watermelons", lang), str(int(row["n_watermelons"]))),
        (t("pf_worse", lang), worse_text(row, lang)),
        (t("pf_reported_count", lang), lights_text(row, "", lang)),
        (t("pf_reported_budget", lang), budget_lights_text(row, "", lang)),
        (t("pf_figures_count", lang), lights_text(row, "figures_", lang)),
        (t("pf_figures_budget", lang), budget_lights_text(row, "figures_", lang)),
        (t("pf_stuck_passed", lang), f"{int(row['n_stuck'])} · {int(row['n_end_passed'])}"),
        (t("forecast", lang), money("forecast")),
        (t("spent", lang), money("spent")),
        (t("share_spent", lang), fmt.percent(row["share_spent"], lang)),
        (t("variance", lang), money("variance")),
    ]
