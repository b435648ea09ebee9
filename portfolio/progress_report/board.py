"""The parts of the written report that make it a board memo, as the real MAB report has them (seed
000): the cover memo (subject, registration number, date, author and department, portfolio holder,
public or not, for information or for decision), the introduction (the programme's goals and period,
why this report exists), the summary picture of all stories with their one-line state, the narrative
per line or track and per story, the risks with their measures, and what is asked of the board.

The texts come from portfolio.narrative (typed in the app, from the export, or carried over from the
previous report, said so); where nothing was written the report says so in a sentence, never with an
invented text."""

from __future__ import annotations

import datetime as dt

from portfolio import narrative as nar
from portfolio.progress_report.facts import Facts
from portfolio.progress_report.model import Block, Bullets, Heading, Memo, Paragraph, Table, Text, cell
from portfolio.progress_report.words import Writer, label

MEMO_FIELDS = ("subject", "registration", "memo_date", "author", "department", "portfolio_holder", "public")


def _memo_date(value: str | None, today: dt.date, w: Writer) -> str:
    if value:
        try:
            return w.date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return w.date(today)


def cover_memo(facts: Facts, w: Writer, today: dt.date, title: str) -> Memo:
    """The cover memo: the fields the programme keeps (narrative.COVER_FIELDS), the report's purpose
    and addressee and the communication (why this report exists); its annexes follow (annex_list)."""
    cover = facts.cover
    source = facts.source
    date = w.date(source["report_date"])
    values = {
        "subject": cover.get("subject") or f"{title} {source['programme']}, {date}",
        "registration": cover.get("registration"),
        "memo_date": _memo_date(cover.get("memo_date"), today, w),
        "author": cover.get("author"),
        "department": cover.get("department"),
        "portfolio_holder": cover.get("portfolio_holder"),
        "public": w.t(f"cover_public_{cover['public']}") if cover.get("public") in nar.PUBLIC_VALUES else None,
    }
    rows = [(w.t(f"cover_{name}"), values[name] or w.t("cover_not_given")) for name in MEMO_FIELDS]
    purpose = cover.get("purpose") if cover.get("purpose") in nar.PURPOSES else None
    addressee = cover.get("addressee")
    if purpose:
        words = w.t(f"cover_purpose_{purpose}")
        rows.append((w.t("cover_purpose"), f"{words} {w.t('cover_to')} {addressee}" if addressee else words))
    else:
        rows.append((w.t("cover_purpose"), w.t("cover_not_given")))
    intro = facts.narrative.get(nar.REPORT, "", "introduction") if facts.narrative else None
    body = (
        [intro.body]
        if intro
        else [w.t("cover_communication_default", title=title.lower(), programme=source["programme"], date=date)]
    )
    return Memo(w.t("cover_heading"), rows, body)


def _text(facts: Facts, name: str) -> nar.Entry | None:
    return facts.narrative.get(nar.REPORT, "", name) if facts.narrative else None


def document_number(facts: Facts) -> str | None:
    entry = _text(facts, "document_number")
    return entry.body if entry else None


def document_version(facts: Facts) -> str | None:
    entry = _text(facts, "document_version")
    return entry.body if entry else None


def annex_list(facts: Facts, w: Writer, title: str) -> list[Block]:
    """The memo's annexes as the seed lists them: a table of what is sent (title, document number,
    public under the WOB) and one of what lies in the reading room. Where no list was typed the report
    itself is the one annex, with the document's own number and the memo's public or not."""
    typed = nar.annexes(facts.narrative) if facts.narrative else None
    if typed is None:
        public = facts.cover.get("public")
        typed = [
            {
                "title": f"{title} {facts.source['programme']}, {w.date(facts.source['report_date'])}",
                "number": document_number(facts),
                "public": public if public in nar.PUBLIC_VALUES else None,
                "reading_room": False,
            }
        ]
    words = {"yes": w.t("yes").capitalize(), "no": w.t("no").capitalize()}
    columns = [w.t("annex_title"), w.t("annex_number"), w.t("annex_public")]

    def table(caption: str, rows: list[dict]) -> Table:
        body = [
            [
                cell(r["title"]),
                cell(r["number"] or w.t("cover_not_given")),
                cell(words.get(r["public"], w.t("cover_not_given"))),
            ]
            for r in rows
        ] or [[cell(w.t("annex_none")), cell(w.t("annex_not_applicable")), cell(w.t("annex_not_applicable"))]]
        return Table(caption=caption, columns=columns, rows=body, align=["left"] * 3, widths=[5.0, 1.6, 2.0])

    blocks: list[Block] = [
        table(w.t("annex_sent"), [r for r in typed if not r["reading_room"]]),
        table(w.t("annex_reading_room"), [r for r in typed if r["reading_room"]]),
    ]
    return blocks + carried_note(_text(facts, "annexes"), w)


def conclusion(facts: Facts, w: Writer) -> list[Block]:
    """The portfolio holder's conclusion, signed, as the seed closes its introduction; the signer typed
    with it, else the memo's portfolio holder, else it says it is not signed. Nothing where none was typed."""
    entry = _text(facts, "conclusion")
    if entry is None:
        return []
    blocks: list[Block] = [Heading(2, w.t("pr_conclusion")), *_prose(entry.body), *carried_note(entry, w)]
    signer = _text(facts, "signed_by")
    name = signer.body if signer else facts.cover.get("portfolio_holder")
    if name:  # the name in bold, a role on the lines below it plain, as the seed signs
        first, _, rest = name.strip().partition("\n")
        blocks.append(
            Paragraph([Text(first.strip(), bold=True)] + ([Text("\n" + rest.strip())] if rest.strip() else []))
        )
    else:
        blocks.append(Paragraph([Text(w.t("pr_not_signed"))], small=True))
    return blocks


def carried_note(entry: nar.Entry | None, w: Writer) -> list[Block]:
    """'(overgenomen uit de rapportage van 31 maart 2025; nog niet bijgewerkt)' under a carried text."""
    if entry is None or not entry.carried or entry.carried_date is None:
        return []
    return [Paragraph([Text(w.t("pr_carried", date=w.date(entry.carried_date)))], small=True)]


def introduction(facts: Facts, w: Writer, title: str) -> list[Block]:
    """The programme's goals and period (cover fields), why this report exists (the report's own
    introduction), how it is set out, and whether it asks a decision."""
    cover, source = facts.cover, facts.source
    blocks: list[Block] = [Heading(1, w.t("pr_introduction"))]
    if cover.get("goals") or cover.get("period"):
        if cover.get("period"):
            blocks.append(Paragraph([label(w.t("cover_period")), Text(cover["period"])]))
        if cover.get("goals"):
            blocks.append(Paragraph([label(w.t("cover_goals"))]))
            blocks += _prose(cover["goals"])
    else:
        blocks.append(Paragraph([Text(w.t("pr_intro_no_goals"))], small=True))
    intro = facts.narrative.get(nar.REPORT, "", "introduction") if facts.narrative else None
    if intro:
        blocks += _prose(intro.body) + carried_note(intro, w)
    groups = w.t(f"pr_by_{facts.group_field}")
    key = "pr_intro_plan" if facts.is_plan else "pr_intro_layout"
    blocks.append(Paragraph([Text(w.t(key, n=len(facts.top()), groups=groups, date=w.date(source["report_date"])))]))
    purpose = cover.get("purpose")
    if purpose == "decision":
        blocks.append(Paragraph([Text(w.t("pr_intro_for_decision"))]))
    elif purpose == "information":
        ask = facts.narrative.get(nar.REPORT, "", "board_ask") if facts.narrative else None
        blocks.append(Paragraph([Text(w.t("pr_intro_for_information" if ask is None else "pr_intro_information_ask"))]))
    return blocks + conclusion(facts, w)


def _prose(text: str) -> list[Block]:
    """A typed text as paragraphs: one per blank-line-separated part, lines starting '-' or '•' as a list."""
    blocks: list[Block] = []
    for part in [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]:
        lines = [x.strip() for x in part.split("\n") if x.strip()]
        if all(x[:1] in ("-", "•", "*") for x in lines):
            blocks.append(Bullets([[Text(x[1:].strip())] for x in lines]))
        else:
            blocks.append(Paragraph([Text("\n".join(lines))]))
    return blocks


def picture(facts: Facts, w: Writer) -> list[Block]:
    """The summary picture: every story with its light and its one line (the status note's first line;
    for a plan, its ambition's first sentence)."""
    top = facts.top()
    if not top:
        return []
    plan = facts.is_plan
    rows = []
    for story in top:
        line = (story.get("ambition") if plan else story.get("status_note")) or ""
        line = line.split("\n")[0].strip()
        if plan and len(line) > 200:
            line = line[:200].rsplit(" ", 1)[0] + " …"
        row = [cell(w.name(story))]
        if not plan:
            row.append(cell(w.light(story["status"])))
        row.append(cell(line or w.t("pr_no_note")))
        rows.append(row)
    columns = [w.t("pr_story")] + ([] if plan else [w.t("pr_light_reported")]) + [w.t("pr_one_line")]
    return [
        Heading(1, w.t("pr_picture")),
        Table(
            caption=w.t("pr_picture"),
            columns=columns,
            rows=rows,
            align=["left"] * len(columns),
            widths=[3.2, 6.0] if plan else [3.2, 1.3, 4.7],
        ),
    ]


def group_narrative(facts: Facts, name: str, w: Writer) -> list[Block]:
    """What a line or track delivered, what is at risk and what comes next, where written."""
    if facts.narrative is None:
        return []
    scope = nar.TRACK if facts.group_field == "track" else nar.LINE
    blocks: list[Block] = []
    for field, entry in facts.narrative.of(scope, name or "").items():
        blocks.append(Paragraph([label(w.t(f"nar_{field}"))]))
        blocks += _prose(entry.body) + carried_note(entry, w)
    return blocks


def labelled(name: str, entry: nar.Entry, w: Writer) -> list[Block]:
    """A narrative text under its label: on the label's line when it is one line, else below it as typed
    (paragraphs, a list, numbered parts), with a note when it is carried over."""
    if "\n" in entry.body:
        return [Paragraph([label(name)]), *_prose(entry.body), *carried_note(entry, w)]
    return [Paragraph([label(name), Text(entry.body)]), *carried_note(entry, w)]


def story_narrative(facts: Facts, story: dict) -> dict[str, nar.Entry]:
    """A story's narrative texts by field (ambition, approach, intended result, state of affairs, next
    step); content._story places each where the seed has it."""
    if facts.narrative is None:
        return {}
    return facts.narrative.of(nar.STORY, story["code"])


def risks(facts: Facts, w: Writer) -> list[Block]:
    """The risk list with its measures: typed (or carried over) and the export's own."""
    blocks: list[Block] = [Heading(1, w.t("pr_risks"))]
    found = facts.narrative.risks if facts.narrative else []
    if not found:
        blocks.append(Paragraph([Text(w.t("pr_risks_none"))]))
        return blocks
    names = {s["code"]: s for s in facts.stories}
    rows = []
    for risk in found:
        story = names.get(risk["story_code"]) if risk["story_code"] else None
        rows.append(
            [
                cell(risk["risk"]),
                cell(w.name(story) if story else (risk["story_code"] or "")),
                cell(risk["owner"] or ""),
                cell(risk["likelihood"] or ""),
                cell(risk["impact"] or ""),
                cell(risk["measure"] or w.t("pr_risk_no_measure")),
            ]
        )
    blocks.append(
        Table(
            caption=w.t("pr_risks"),
            columns=[w.t(f"risk_col_{c}") for c in ("risk", "story", "owner", "likelihood", "impact", "measure")],
            rows=rows,
            align=["left"] * 6,
            widths=[2.6, 1.8, 1.1, 0.9, 0.9, 2.6],
        )
    )
    carried = facts.narrative.risks_carried_from if facts.narrative.risks_source == nar.CARRIED else None
    if carried is not None and carried[1] is not None:
        blocks.append(Paragraph([Text(w.t("pr_carried", date=w.date(carried[1])))], small=True))
    if any(r["source"] == nar.EXPORT for r in found):
        blocks.append(Paragraph([Text(w.t("pr_risks_from_export"))], small=True))
    return blocks


def board_ask(facts: Facts, w: Writer) -> list[Block]:
    """What is asked of the board: the typed text, else what the purpose says."""
    ask = facts.narrative.get(nar.REPORT, "", "board_ask") if facts.narrative else None
    blocks: list[Block] = [Heading(1, w.t("pr_board_ask"))]
    if ask:
        return blocks + _prose(ask.body) + carried_note(ask, w)
    purpose = facts.cover.get("purpose")
    key = {"decision": "pr_ask_missing", "information": "pr_ask_information"}.get(purpose, "pr_ask_none")
    return blocks + [Paragraph([Text(w.t(key))])]
