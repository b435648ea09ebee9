"""The summary at the front of the progress report, written from the figures: totals, variance, the
largest overruns, watermelons, what changed since the previous report, stories without figures, and
variance without a word of explanation."""

from __future__ import annotations

from portfolio import own_totals, schedule
from portfolio.i18n import change_counts
from portfolio.progress_report.facts import UNEXPLAINED_VARIANCE, Facts, unexplained
from portfolio.progress_report.model import Block, Bullets, Heading, Paragraph, Text
from portfolio.progress_report.words import Writer, label

OVERRUNS_NAMED = 3
MEASURES = ("budget", "spent", "forecast")


def summary(facts: Facts, w: Writer) -> list[Block]:
    blocks: list[Block] = [Heading(1, w.t("pr_summary"))]
    if facts.filters.active:
        described = "; ".join(f"{k}: {v}" for k, v in facts.filters.describe(w.lang))
        blocks.append(Paragraph([Text(w.t("pr_filtered", filters=described), bold=True)]))
    top = facts.top()
    if not top:
        blocks.append(Paragraph([Text(w.t("pr_sum_empty"))]))
        return blocks
    blocks += _totals(facts, w)
    blocks += _own_totals(facts, w)
    blocks += _lights(top, w)
    has_amounts = any(facts.totals.get(m) is not None for m in MEASURES)
    if has_amounts:  # without any amount, 'no overruns' or 'all explained' would say nothing true
        blocks += _overruns(top, w)
        blocks += _watermelons(top, w)
    blocks += _changes(facts, w)
    if has_amounts:
        blocks += _without_figures(top, w)
        blocks += _unexplained(top, w)
    outside = facts.outside()
    if outside:
        budgets = [s["budget"] for s in outside if s["budget"] is not None]
        budget = sum(budgets) if budgets else None
        blocks.append(Paragraph([Text(w.t("pr_sum_outside", n=len(outside), budget=w.amount(budget)))]))
    return blocks


def _totals(facts: Facts, w: Writer) -> list[Block]:
    totals = facts.totals
    n = int(totals["n_stories"])
    if all(totals.get(m) is None for m in MEASURES):
        return [Paragraph([Text(w.t("pr_sum_no_amounts", n=n))])]
    text = w.t(
        "pr_sum_totals" if totals["share_spent"] is not None else "pr_sum_totals_no_share",
        n=n,
        budget=w.amount(totals["budget"]),
        spent=w.amount(totals["spent"]),
        share=w.percent(totals["share_spent"]),
        forecast=w.amount(totals["forecast"]),
    )
    blocks: list[Block] = [Paragraph([Text(text)])]
    if any(int(totals[f"n_{m}"]) < n for m in MEASURES):
        blocks.append(Paragraph([Text(w.t("pr_partial", n=n, **{f"n_{m}": int(totals[f"n_{m}"]) for m in MEASURES}))]))
    variance = totals.get("variance")
    if variance is not None:
        key = (
            "pr_sum_variance_over"
            if variance > 0
            else "pr_sum_variance_under"
            if variance < 0
            else "pr_sum_variance_even"
        )
        blocks.append(
            Paragraph(
                [
                    Text(
                        w.t(
                            key,
                            amount=w.amount(abs(variance)),
                            pct=w.percent(abs(totals["variance_pct"]) if totals["variance_pct"] is not None else None),
                            n=int(totals["n_variance"]),
                            total=n,
                        )
                    )
                ]
            )
        )
    return blocks


def _own_totals(facts: Facts, w: Writer) -> list[Block]:
    """Where the loaded file's own totals row does not add up to its stories and nobody accepted it yet:
    each as 'Budget, row 12: the export's own total is € 2.295.000; the stories add up to € 2.305.000.'"""
    if not facts.own_totals:
        return []
    items = [[Text(own_totals.sentence(row, w.lang))] for row in facts.own_totals]
    return [Paragraph([Text(w.t("pr_own_totals"))]), Bullets(items)]


def _lights(top: list[dict], w: Writer) -> list[Block]:
    reported = {s: sum(1 for x in top if x["status"] == s) for s in ("red", "amber", "green", "unknown")}
    figures = {s: sum(1 for x in top if x["figures_status"] == s) for s in ("red", "amber", "green", "unknown")}
    text = w.t("pr_sum_lights", reported=w.count_lights(reported), figures=w.count_lights(figures))
    return [Paragraph([Text(text)])]


def _overruns(top: list[dict], w: Writer) -> list[Block]:
    over = sorted(
        (s for s in top if s["variance"] is not None and s["variance"] > 0),
        key=lambda s: (-s["variance"], s["sort_order"]),
    )
    if not over:
        return [Paragraph([Text(w.t("pr_sum_no_overruns"))])]
    items = [
        [
            Text(w.name(s), bold=True),
            Text(
                ": "
                + w.t(
                    "pr_overrun_item",
                    variance=w.amount(s["variance"], signed=True),
                    pct=w.percent(s["variance_pct"], signed=True),
                    budget=w.amount(s["budget"]),
                    forecast=w.amount(s["forecast"]),
                )
            ),
        ]
        for s in over[:OVERRUNS_NAMED]
    ]
    key = "pr_sum_overruns" if len(over) > len(items) else "pr_sum_overruns_all"
    return [Paragraph([Text(w.t(key, n=len(over), shown=len(items)))]), Bullets(items)]


def _watermelons(top: list[dict], w: Writer) -> list[Block]:
    melons = [s for s in top if s["watermelon"]]
    if not melons:
        return [Paragraph([Text(w.t("pr_sum_no_watermelons"))])]
    items = [
        [
            Text(w.name(s), bold=True),
            Text(": "),
            label(w.t("pr_reported")),
            w.light(s["status"]),
            Text("; "),
            label(w.t("figures_status")),
            w.light(s["figures_status"]),
            *(
                [Text("; " + schedule.watermelon_text(s, w.lang))]
                if "end_moved" in (s.get("watermelon_cause") or "")
                else []
            ),
        ]
        for s in melons
    ]
    return [Paragraph([Text(w.t("pr_sum_watermelons", n=len(melons)))]), Bullets(w.limited(items))]


def _changes(facts: Facts, w: Writer) -> list[Block]:
    comparison = facts.comparison
    if comparison is None or facts.previous_date is None:
        return [Paragraph([Text(w.t("no_previous"))])]
    counts = comparison.counts()
    head = f"{w.t('since_previous', date=w.date(facts.previous_date))}: {change_counts(counts, w.lang)}."
    blocks: list[Block] = [Paragraph([Text(head)])]
    items = []
    for row in facts.changes["changed"]:
        if row["status_move"] == "worse":
            items.append(
                [
                    Text(w.name(row), bold=True),
                    Text(f": {w.t('move_worse')}, "),
                    w.light(row["status_old"]),
                    Text(" → "),
                    w.light(row["status_new"]),
                ]
            )
    for key in ("added", "removed"):
        for row in facts.changes[key]:
            items.append([Text(w.name(row), bold=True), Text(f": {w.t(key).lower()}")])
    if items:
        blocks.append(Bullets(w.limited(items)))
    return blocks


def _without_figures(top: list[dict], w: Writer) -> list[Block]:
    lacking = [(s, [m for m in MEASURES if s[m] is None]) for s in top]
    lacking = [(s, missing) for s, missing in lacking if missing]
    if not lacking:
        return [Paragraph([Text(w.t("pr_sum_all_figures"))])]
    items = [
        [
            Text(w.name(s), bold=True),
            Text(": " + w.t("pr_missing_fields", fields=", ".join(w.t(m).lower() for m in missing))),
        ]
        for s, missing in lacking
    ]
    return [Paragraph([Text(w.t("pr_sum_without_figures", n=len(lacking)))]), Bullets(w.limited(items))]


def _unexplained(top: list[dict], w: Writer) -> list[Block]:
    silent = [s for s in top if unexplained(s)]
    threshold = w.rule(UNEXPLAINED_VARIANCE)
    if not silent:
        return [Paragraph([Text(w.t("pr_sum_all_explained", pct=threshold))])]
    items = [
        [
            Text(w.name(s), bold=True),
            Text(
                ": "
                + w.t(
                    "pr_unexplained_item",
                    budget=w.amount(s["budget"]),
                    forecast=w.amount(s["forecast"]),
                    variance=w.amount(s["variance"], signed=True),
                )
            ),
        ]
        for s in silent
    ]
    return [
        Paragraph([Text(w.t("pr_sum_unexplained", n=len(silent), pct=threshold))]),
        Bullets(w.limited(items)),
    ]
