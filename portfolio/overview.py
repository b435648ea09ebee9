"""The overview of one report: every figure the overview page (and the written report) shows, its
questions asked at once on cursors of their own. Above analysis (the questions) and compare (the
comparison with the previous report), which know nothing of it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pandas as pd

from portfolio import analysis
from portfolio.compare import Comparison, compare_reports
from portfolio.filters import Filters


@dataclass
class Overview:
    """Everything the overview page shows for one report and set of filters."""

    totals: dict
    previous_totals: dict | None
    previous_id: int | None
    excluded: dict
    stories: pd.DataFrame
    comparison: Comparison | None  # against the previous report
    by_line: pd.DataFrame
    trend: pd.DataFrame
    quarterly: pd.DataFrame
    matrix: pd.DataFrame
    attention: pd.DataFrame
    contents: dict = field(default_factory=dict)  # analysis.report_contents(stories): what the report names
    unexplained: pd.DataFrame | None = None  # top-level stories in the totals with unexplained variance
    figures: dict = field(default_factory=dict)  # what the `then` steps of overview() returned


OVERVIEW_THREADS = 2


def _previous_totals(trend_frame: pd.DataFrame, previous_id: int | None) -> dict | None:
    """Budget, spent and forecast of the previous report, from the trend (same filters, same sums)."""
    row = trend_frame[trend_frame["report_id"] == previous_id] if previous_id else trend_frame.iloc[0:0]
    return None if row.empty else analysis.totals_from(row)


def overview(
    con,
    report_id: int,
    programme_id: int,
    filters: Filters | None = None,
    then: dict[str, Callable[[dict], dict]] | None = None,
) -> Overview:
    """The overview's figures, all aggregated in DuckDB (the page and bench/bench_overview.py call this).

    The independent questions run on OVERVIEW_THREADS cursors of their own at once (a DuckDB
    connection shared by threads returns wrong rows; separate cursors do not). Each answer is a dict
    ('levels', 'trend', 'comparison', 'stories', 'excluded'); `then[name](answer)`, if given, runs in
    the same worker right after it and its dict lands in Overview.figures: building the charts of
    one answer (Python) overlaps DuckDB working on the next, which does not hold the GIL.
    """

    def trend_views(c) -> dict:
        by_period = analysis.trend_by_period(c, programme_id, filters, until_report_id=report_id)  # no later reports
        return {"trend": analysis.trend_totals(by_period), "quarterly": analysis.quarterly(by_period)}

    def story_views(c) -> dict:
        frame = analysis.stories(c, report_id, filters=filters)
        top = frame[frame["parent_code"].isna() & frame["in_totals"]]
        return {
            "stories": frame,
            "attention": analysis.attention_from(frame),
            "contents": analysis.report_contents(frame),
            "unexplained": top[analysis.unexplained(top)],
        }

    def since_previous(c) -> dict:
        previous = analysis.previous_report_id(c, programme_id, report_id)
        return {
            "previous_id": previous,
            "comparison": compare_reports(c, previous, report_id, filters) if previous else None,
        }

    tasks = {  # the slowest first, so the two workers finish close together
        "levels": lambda c: {"levels": analysis.rollups(c, report_id, filters=filters)},
        "trend": trend_views,
        "comparison": since_previous,
        "stories": story_views,
        "excluded": lambda c: {"excluded": analysis.excluded(c, report_id)},
    }
    then = then or {}
    local = threading.local()
    opened: list = []

    def open_cursor() -> None:  # one cursor per worker thread, for all its tasks
        local.cursor = con.cursor()
        opened.append(local.cursor)

    def run(name: str) -> tuple[dict, dict]:
        answer = tasks[name](local.cursor)
        return answer, (then[name](answer) if name in then else {})

    try:
        with ThreadPoolExecutor(OVERVIEW_THREADS, initializer=open_cursor) as pool:
            done = list(pool.map(run, tasks))
    finally:
        for cursor in opened:
            cursor.close()
    answers = {k: v for answer, _ in done for k, v in answer.items()}
    levels, previous_id = answers["levels"], answers["previous_id"]
    return Overview(
        totals=analysis.totals_from(levels["all"]),
        previous_totals=_previous_totals(answers["trend"], previous_id),
        previous_id=previous_id,
        excluded=answers["excluded"],
        stories=answers["stories"],
        comparison=answers["comparison"],
        by_line=levels["line"],
        trend=answers["trend"],
        quarterly=answers["quarterly"],
        matrix=levels["line_track"],
        attention=answers["attention"],
        contents=answers["contents"],
        unexplained=answers["unexplained"],
        figures={k: v for _, figures in done for k, v in figures.items()},
    )
