"""The progress report's sections, written from the Facts of one report, in the order of the real MAB
report (seed 000): the cover memo, the title page, the introduction, the summary, the legend with the
controller's rules, the financial overview with charts, the summary picture of all stories, per
programme line (or track) its narrative and a table of its stories followed by each story, the risks,
what is asked of the board, and the annexes (items outside the totals, the quarterly overview). A plan
without progress (nothing spent, no lights, no status notes) is written as a plan: "Stand van de
plannen", without the legend of the lights or the money it does not have."""

from __future__ import annotations

import datetime as dt

from portfolio import narrative as nar
from portfolio import planning_charts, schedule
from portfolio.charts import MAX_STORIES_IN_CHART, quarter_label
from portfolio.progress_report import board, svg
from portfolio.progress_report.facts import UNEXPLAINED_VARIANCE, Facts
from portfolio.progress_report.model import (
    Block,
    Bullets,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    Text,
    TitlePage,
    cell,
)
from portfolio.progress_report.summary import summary
from portfolio.progress_report.words import Writer, label

MEASURES = ("budget", "spent", "forecast")
CHART_GROUPS_IN_ALT = 12
MOVE_WORDS = {"better": "move_better", "worse": "move_worse", "same": "move_same", "changed": "move_changed"}


def write(
    facts: Facts, lang: str, today: dt.date | None = None, *, draft: bool = False, names: dict | None = None
) -> Document:
    """The whole report as blocks, in `lang`; `draft` marks every page "CONCEPT" ("DRAFT"); `names`
    gives the display name of an account (portfolio.auth), the only way a person is named."""
    w = Writer(facts.currency, lang, names)
    source = facts.source
    date = w.date(source["report_date"])
    title = w.t("pr_title_plan" if facts.is_plan else "pr_title")
    today = today or dt.date.today()
    document = Document(
        lang=lang,
        title=f"{title} {source['programme']}, {date}",
        programme=str(source["programme"]),
        footer=f"{source['programme']} · {w.t('report_date')} {date}",
        subject=w.t("pr_subject_plan" if facts.is_plan else "pr_subject"),
        draft=draft,
        draft_mark=w.t("pr_draft_mark") if draft else "",
    )
    document.add(board.cover_memo(facts, w, today, title), *board.annex_list(facts, w, title), PageBreak())
    document.add(_title_page(facts, w, today, title, draft), PageBreak())
    document.add(*board.introduction(facts, w, title))
    document.add(*summary(facts, w))
    if not facts.is_plan:
        document.add(*_legend(facts, w))
    document.add(*board.picture(facts, w))  # after the legend, before any figures, as the seed has it
    if not facts.is_plan:
        document.add(*_finances(facts, w))
    document.add(*_stories(facts, w))
    document.add(*board.risks(facts, w))
    document.add(*board.board_ask(facts, w))
    document.add(*_annexes(facts, w))
    return document


def _title_page(facts: Facts, w: Writer, today: dt.date, title: str, draft: bool) -> TitlePage:
    source = facts.source
    loaded = source["loaded_at"]
    where = source["source_file"] + (f" ({w.t('sheet').lower()} {source['sheet']})" if source.get("sheet") else "")
    date = w.date(source["report_date"])
    period = _period(facts)
    lines = [w.t("pr_title_period", period=period, date=date) if period else w.t("pr_title_date", date=date)]
    number, version = board.document_number(facts), board.document_version(facts)
    if number or version:  # the document's own number and version, as '2252067 – V3/LH/26-6-2018'
        lines.append(
            " · ".join(
                [w.t("pr_title_number", number=number)] * bool(number)
                + [w.t("pr_title_version", version=version)] * bool(version)
            )
        )
    lines += [
        w.t(
            "pr_title_source",
            file=where,
            version=int(source["version"]),
            at=f"{w.date(loaded)} {loaded:%H:%M}" if loaded is not None else w.t("pr_unknown"),
        ),
    ]
    author = ", ".join(x for x in (facts.cover.get("author"), facts.cover.get("department")) if x)
    if author:
        lines.append(w.t("pr_title_author", by=author))
    loader = w.person(source.get("loaded_by"))
    if loader:  # by display name only: an account name ('root', an e-mail) is never written
        lines.append(w.t("pr_title_loaded_by", by=loader))
    if not facts.is_plan:
        lines.append(w.t("pr_title_currency", currency=facts.currency))
    if facts.filters.active:
        described = "; ".join(f"{k}: {v}" for k, v in facts.filters.describe(w.lang))
        lines.append(w.t("pr_filtered", filters=described))
    lines.append(w.t("pr_title_generated", date=w.date(today)))
    if draft:
        lines.insert(0, w.t("pr_draft_title"))
    return TitlePage(title, str(source["programme"]), lines)


def _period(facts: Facts) -> str | None:
    """The period the report describes ('Plateau 3 (2018)'): typed with the report, else the one period
    all its counted stories name; None where they name several or none."""
    typed = facts.narrative.get(nar.REPORT, "", "period_name") if facts.narrative else None
    if typed:
        return typed.body
    periods = {s.get("period") for s in facts.top()}
    return periods.pop() if len(periods) == 1 and None not in periods else None


def _legend(facts: Facts, w: Writer) -> list[Block]:
    rules = facts.rules
    spent = w.t("rules_spent") if rules.get("spent_over_budget_red") else ""
    margins = ("overrun_amber", "overrun_red", "drift_amber", "drift_red", "schedule_amber", "schedule_red")
    pct = {k: w.rule(rules[k]) for k in margins}
    blocks: list[Block] = [
        Heading(1, w.t("pr_legend")),
        Paragraph([Text(w.t("pr_legend_intro"))]),
        Bullets([[w.light(s), Text(": " + w.t(f"pr_legend_{s}"))] for s in ("green", "amber", "red", "unknown")]),
        Paragraph([Text(w.t("pr_legend_figures"))]),
        Bullets(
            [
                [
                    w.light("red"),
                    Text(
                        ": "
                        + w.t(
                            "pr_rule_red",
                            overrun=pct["overrun_red"],
                            spent=spent,
                            drift=pct["drift_red"],
                            schedule=pct["schedule_red"],
                        )
                    ),
                ],
                [
                    w.light("amber"),
                    Text(
                        ": "
                        + w.t(
                            "pr_rule_amber",
                            overrun=pct["overrun_amber"],
                            drift=pct["drift_amber"],
                            schedule=pct["schedule_amber"],
                        )
                    ),
                ],
                [w.light("green"), Text(": " + w.t("pr_rule_green"))],
                [w.light("unknown"), Text(": " + w.t("pr_rule_unknown"))],
            ]
        ),
    ]
    if rules.get("updated_at") is not None:
        by = w.person(rules.get("updated_by"))
        key, params = ("pr_rules_set", {"by": by}) if by else ("pr_rules_set_on", {})
        blocks.append(Paragraph([Text(w.t(key, date=w.date(rules["updated_at"]), **params))], small=True))
    blocks += [
        Paragraph([Text(w.t("pr_legend_watermelon"))]),
        Paragraph([Text(w.t("pr_legend_unexplained", pct=w.rule(UNEXPLAINED_VARIANCE)))]),
        Paragraph([Text(w.t("pr_legend_missing"))]),
    ]
    return blocks


def _money_cells(row: dict, w: Writer) -> list:
    return [cell(w.amount(row.get(m))) for m in MEASURES] + [cell(w.amount(row.get("variance"), signed=True))]


def _partial_note(row: dict, w: Writer) -> list[Block]:
    n = int(row["n_stories"])
    if all(int(row[f"n_{m}"]) == n for m in MEASURES) or all(int(row[f"n_{m}"]) == 0 for m in MEASURES):
        return []  # every amount given, or none at all (the summary says so once)
    counts = {f"n_{m}": int(row[f"n_{m}"]) for m in MEASURES}
    return [Paragraph([Text(w.t("pr_partial", n=n, **counts))], small=True)]


def _finances(facts: Facts, w: Writer) -> list[Block]:
    blocks: list[Block] = [Heading(1, w.t("pr_finances"))]
    if not facts.top():
        blocks.append(Paragraph([Text(w.t("pr_sum_empty"))]))
        return blocks
    columns = [w.t(facts.group_field), w.t("stories"), *(w.t(m) for m in MEASURES), w.t("variance"), w.t("pr_lights")]
    rows = []
    for line in facts.groups:
        counts = {s: int(line[f"n_{s}"]) for s in ("red", "amber", "green", "unknown")}
        rows.append(
            [cell(w.group(line["group_name"], facts.group_field)), cell(str(int(line["n_stories"])))]
            + _money_cells(line, w)
            + [cell(w.count_lights(counts))]
        )
    totals = facts.totals
    total_counts = {s: int(totals[f"n_{s}"]) for s in ("red", "amber", "green", "unknown")}
    total = (
        [cell(w.t("pr_total")), cell(str(int(totals["n_stories"])))]
        + _money_cells(totals, w)
        + [cell(w.count_lights(total_counts))]
    )
    blocks.append(
        Table(
            caption=w.t("pr_table_lines" if facts.group_field == "programme_line" else "pr_table_tracks"),
            columns=columns,
            rows=rows,
            align=["left", "right", "right", "right", "right", "right", "left"],
            widths=[2.4, 0.8, 1.5, 1.5, 1.5, 1.5, 2.0],
            total=total,
        )
    )
    blocks += _partial_note(totals, w)
    blocks += _charts(facts, w)
    return blocks


def _charts(facts: Facts, w: Writer) -> list[Block]:
    blocks: list[Block] = []
    labels = {m: w.t(m) for m in MEASURES}
    groups = [(w.group(line["group_name"], facts.group_field), {m: line[m] for m in MEASURES}) for line in facts.groups]
    described = "; ".join(
        f"{name}: " + ", ".join(f"{labels[m].lower()} {w.amount(amounts[m])}" for m in MEASURES)
        for name, amounts in groups[:CHART_GROUPS_IN_ALT]
    ) + ("; …" if len(groups) > CHART_GROUPS_IN_ALT else "")
    by_line = svg.measures_by_line(
        groups,
        labels,
        w.t("pr_unknown"),
        facts.currency,
        w.lang,
        alt=w.t("pr_alt_by_line", data=described),
        caption=w.t("chart_by_line"),
    )
    blocks.append(by_line if by_line is not None else Paragraph([Text(w.t("pr_no_chart"))], small=True))
    varied = [s for s in facts.top() if s["variance"] is not None and s["variance"] != 0]
    shown = sorted(varied, key=lambda s: (-abs(s["variance"]), s["sort_order"]))[:MAX_STORIES_IN_CHART]
    shown.sort(key=lambda s: (-s["variance"], s["sort_order"]))
    if not shown:
        return blocks
    caption = w.t("chart_variance")
    if len(varied) > len(shown):
        caption += " " + w.t("pr_chart_top", shown=len(shown), total=len(varied))
    described = "; ".join(f"{w.name(s)}: {w.amount(s['variance'], signed=True)}" for s in shown)
    chart = svg.variance_by_story(
        [(w.name(s), float(s["variance"])) for s in shown],
        facts.currency,
        w.lang,
        alt=w.t("pr_alt_variance", data=described),
        caption=caption,
    )
    if chart is not None:
        blocks.append(chart)
    return blocks


def _stories(facts: Facts, w: Writer) -> list[Block]:
    top = facts.top()
    if not top:
        return []
    by = facts.group_field
    intro = "pr_stories_intro_plan" if facts.is_plan else "pr_stories_intro"
    blocks: list[Block] = [
        Heading(1, w.t(f"pr_stories_by_{by}")),
        Paragraph([Text(w.t(intro, groups=w.t(f"pr_by_{by}")))]),
    ]
    children = facts.sub_items()
    moves = _moves(facts)
    per_line: dict[str, list[dict]] = {}
    for story in top:
        per_line.setdefault(story[by] or "", []).append(story)
    for line in facts.groups:
        name = line["group_name"] or ""
        stories = per_line.get(name, [])
        blocks.append(Heading(2, w.group(name, by)))
        blocks += board.group_narrative(facts, name, w)
        blocks.append(_line_table(stories, line, w, facts))
        if not facts.is_plan:
            blocks += _partial_note(line, w)
        for story in stories:
            blocks += _story(story, children.get(story["code"], []), moves, facts, w)
    return blocks


def _line_table(stories: list[dict], line: dict, w: Writer, facts: Facts) -> Table:
    if facts.is_plan:  # a plan: what it is and who has it, no lights or money it does not have
        return Table(
            caption=w.t("pr_table_line", line=w.group(line["group_name"], facts.group_field)),
            columns=[w.t("code"), w.t("title"), w.t("owner")],
            rows=[[cell(s["code"]), cell(s["title"] or ""), cell(s.get("owner") or "")] for s in stories],
            align=["left", "left", "left"],
            widths=[0.8, 6.0, 1.8],
        )
    columns = [
        w.t("code"),
        w.t("title"),
        w.t("pr_reported"),
        w.t("figures_status"),
        *(w.t(m) for m in MEASURES),
        w.t("variance"),
    ]
    rows = [
        [cell(s["code"]), cell(s["title"] or ""), cell(w.light(s["status"])), cell(w.light(s["figures_status"]))]
        + _money_cells(s, w)
        for s in stories
    ]
    total = [cell(""), cell(w.t("pr_total")), cell(""), cell("")] + _money_cells(line, w)
    return Table(
        caption=w.t("pr_table_line", line=w.group(line["group_name"], facts.group_field)),
        columns=columns,
        rows=rows,
        align=["left", "left", "left", "left", "right", "right", "right", "right"],
        widths=[0.6, 2.9, 1.25, 1.25, 1.3, 1.3, 1.3, 1.3],
        total=total,
    )


def _moves(facts: Facts) -> dict[str, dict] | None:
    """Per story code, what moved since the previous report ('added' or the changed row); None when
    there is no previous report."""
    if facts.comparison is None or facts.previous_date is None:
        return None
    moves = {row["code"]: row for row in facts.changes["changed"]}
    moves.update({row["code"]: {"added": True} for row in facts.changes["added"]})
    return moves


def _story(story: dict, children: list[dict], moves: dict | None, facts: Facts, w: Writer) -> list[Block]:
    facts_runs = [label(w.t("programme_line")), Text(w.group(story["programme_line"]))]
    if facts.group_field == "track" and not story["programme_line"]:  # written by tracks: the track first
        facts_runs = [label(w.t("programme_line")), Text(w.t("pr_none_by_track"))]
    for key in ("track", "owner", "period"):
        if story.get(key):
            facts_runs += [Text(" · "), label(w.t(key)), Text(story[key])]
    if story.get("necessity"):
        facts_runs += [Text(" · "), label(w.t("necessity")), Text(w.t(story["necessity"]))]
    lights = [label(w.t("pr_light_reported")), w.light(story["status"])]
    original = story.get("status_label")
    if original and original.casefold() != w.t(story["status"]).casefold():
        lights.append(Text(" " + w.t("pr_source_label", label=original)))
    lights += [Text(" · "), label(w.t("figures_status")), w.light(story["figures_status"])]
    if story["watermelon"]:  # why: its figures, its end moved beyond the margin since the previous report, or both
        lights.append(Text(" · " + schedule.watermelon_text(story, w.lang)))
    money = []  # a line, as the seed report writes a story's finances (a table per story cost the PDF half its time)
    for measure in MEASURES:
        money += [label(w.t(measure)), Text(w.amount(story[measure])), Text(" · ")]
    variance = w.amount(story["variance"], signed=True)
    if story["variance_pct"] is not None:
        variance += f" ({w.percent(story['variance_pct'], signed=True)})"
    money += [label(w.t("variance")), Text(variance)]
    texts = board.story_narrative(facts, story)

    def part(*names: str) -> list[Block]:
        found: list[Block] = []
        for name in names:
            if name in texts:
                found += board.labelled(w.t("pr_ambition" if name == "ambition" else f"nar_{name}"), texts[name], w)
        return found

    # as the seed: ambition, approach, intended results; the money; the state of affairs; the one line
    blocks: list[Block] = [
        Heading(3, w.name(story)),
        Paragraph(facts_runs),
        *part("ambition", "approach", "intended_result"),
    ]
    milestones = facts.milestones.get(str(story["code"]))
    if facts.is_plan:  # a plan: its ambition, approach and next step, its milestones; no lights or money
        return (
            blocks
            + part("state_of_affairs", "next_step")
            + ([Paragraph(_milestone_runs(milestones, w))] if milestones else [])
            + (_children(story, children, w) if children else [])
        )
    blocks += [Paragraph(lights), Paragraph(money)]
    plan = _schedule_runs(story, w)  # the schedule beside the money, where the export gives an end (issue 22)
    if plan:
        blocks.append(Paragraph(plan))
    if milestones:
        blocks.append(Paragraph(_milestone_runs(milestones, w)))
    blocks += part("state_of_affairs")
    blocks.append(Paragraph([label(w.t("status_note")), Text(story["status_note"] or w.t("pr_no_note"))]))
    blocks += part("next_step")
    if moves is not None:
        blocks.append(Paragraph([label(w.t("pr_since_previous")), *_move_runs(moves.get(story["code"]), w)]))
    if children:
        blocks += _children(story, children, w)
    return blocks


def _schedule_runs(story: dict, w: Writer) -> list:
    """'Planning: geplande einddatum 31 december 2025 · verwachte einddatum 31 maart 2026 · uitloop +90 dagen
    (...)', with the move since the previous report; [] where the story names no end date."""
    ends = [name for name in ("planned_end", "approved_end", "forecast_end") if story.get(name)]
    if not ends:
        return []
    runs: list = [label(w.t("story_dates"))]
    for name in ends:
        runs += [Text(f"{w.t(name)} {schedule.date_text(story[name], w.lang)}"), Text(" · ")]
    runs.append(Text(f"{w.t('slip')} {schedule.slip_text(story, w.lang)}"))
    if schedule.known(story.get("end_move_days_min")):
        runs.append(Text(f" · {w.t('end_move')} {schedule.end_move_text(story, w.lang)}"))
    return runs


def _milestone_runs(milestones: list[dict], w: Writer) -> list:
    """'Mijlpalen: Pilot, gepland 31 maart 2025, gerealiseerd 15 april 2025; Aanbesteding, gepland Q1 2025,
    gemist', each as the export wrote its dates."""
    said = []
    for row in milestones:
        parts = [planning_charts.milestone_name(row)]
        if not schedule._missing(row.get("planned")):
            parts.append(f"{w.t('milestone_planned').lower()} {schedule.date_text(row['planned'], w.lang)}")
        if not schedule._missing(row.get("actual")):
            parts.append(f"{w.t('milestone_actual').lower()} {schedule.date_text(row['actual'], w.lang)}")
        else:
            parts.append(w.t(f"milestone_{planning_charts.milestone_kind(row)}").lstrip("⚠ "))
        said.append(", ".join(parts))
    return [label(w.t("milestones")), Text("; ".join(said))]


def _move_runs(move: dict | None, w: Writer) -> list:
    if move is None:
        return [Text(w.t("pr_move_none"))]
    if move.get("added"):
        return [Text(w.t("pr_move_new"))]
    runs: list = []
    for measure in MEASURES:
        old, new = move[f"{measure}_old"], move[f"{measure}_new"]
        if old != new:
            runs.append(Text(f"{w.t(measure).lower()} {w.amount(old)} → {w.amount(new)}; "))
    if move["status_old"] != move["status_new"]:
        runs += [
            Text(f"{w.t('status').lower()} "),
            w.light(move["status_old"]),
            Text(" → "),
            w.light(move["status_new"]),
            Text(" (" + w.t(MOVE_WORDS[move["status_move"]]) + "); "),
        ]
    if not runs:  # only the title changed
        runs.append(Text(w.t("pr_move_title") + "; "))
    last = runs[-1]
    runs[-1] = Text(last.text.rstrip("; "), last.bold)
    return runs


def _children(story: dict, children: list[dict], w: Writer) -> list[Block]:
    items = []
    for child in children:
        amounts = [f"{w.t(m).lower()} {w.amount(child[m])}" for m in MEASURES if child[m] is not None]
        text = ": " + ", ".join(amounts) if amounts else ""
        if child.get("status_note"):
            text += (". " if text else ": ") + child["status_note"]
        items.append([Text(w.name(child), bold=True), Text(text)])
    budgets = [c["budget"] for c in children if c["budget"] is not None]
    blocks: list[Block] = [Paragraph([label(w.t("sub_items"))]), Bullets(items)]
    if budgets:
        note = w.t("sum_sub_items", sum=w.amount(sum(budgets)), budget=w.amount(story["budget"]))
        blocks.append(Paragraph([Text(note)], small=True))
    return blocks


def _annexes(facts: Facts, w: Writer) -> list[Block]:
    blocks: list[Block] = [Heading(1, w.t("pr_annexes")), Heading(2, w.t("pr_annex_outside"))]
    outside = facts.outside()
    children = facts.sub_items()
    if not outside:
        blocks.append(Paragraph([Text(w.t("pr_annex_outside_none"))]))
    else:
        blocks.append(Paragraph([Text(w.t("pr_annex_outside_intro"))]))
        rows = []
        for item in outside:
            for row in (item, *children.get(item["code"], [])):
                rows.append(
                    [cell(row["code"]), cell(row["title"] or ""), cell(w.group(row["programme_line"]))]
                    + [cell(w.amount(row[m])) for m in MEASURES]
                    + [cell(row["status_note"] or "")]
                )
        blocks.append(
            Table(
                caption=w.t("pr_annex_outside"),
                columns=[
                    w.t("code"),
                    w.t("title"),
                    w.t("programme_line"),
                    *(w.t(m) for m in MEASURES),
                    w.t("status_note"),
                ],
                rows=rows,
                align=["left", "left", "left", "right", "right", "right", "left"],
                widths=[0.6, 2.2, 1.4, 1.2, 1.2, 1.2, 2.6],
            )
        )
    blocks += _quarterly(facts, w)
    return blocks


def _quarterly(facts: Facts, w: Writer) -> list[Block]:
    """The quarterly overview, where the programme has one: more than one quarter, or budgets of more
    than one year (the rule the overview page uses)."""
    quarters = facts.quarterly
    n_quarters = len({(q["year"], q["quarter"]) for q in quarters})
    if not quarters or (n_quarters < 2 and len({q["period_class"] for q in quarters}) < 2):
        return []
    rows = [
        [
            cell(quarter_label(q["year"], q["quarter"], w.lang)),
            cell(w.date(q["report_date"])),
            cell(w.t(f"period_{q['period_class']}")),
            cell(str(int(q["n_stories"]))),
        ]
        + [cell(w.amount(q[m])) for m in ("budget", "spent", "remaining", "forecast")]
        for q in quarters
    ]
    return [
        Heading(2, w.t("pr_annex_quarterly")),
        Paragraph([Text(w.t("quarterly_intro"))]),
        Table(
            caption=w.t("pr_annex_quarterly"),
            columns=[
                w.t("quarter"),
                w.t("report_date"),
                w.t("period_class"),
                w.t("stories"),
                *(w.t(m) for m in ("budget", "spent", "remaining", "forecast")),
            ],
            rows=rows,
            align=["left", "left", "left", "right", "right", "right", "right", "right"],
            widths=[0.9, 1.6, 1.8, 0.7, 1.2, 1.2, 1.2, 1.2],
        ),
    ]
