"""The export's own totals where they disagree with its stories: kept per report version when it is
loaded (portfolio/ingest/commit.py), said on the overview, the upload history and in the written
progress report until someone who may upload accepts them; the audit log records who and when.

No Streamlit here: the pages, the command line and the progress report all read and word them here.
"""

from __future__ import annotations

import pandas as pd

from portfolio import db, fmt
from portfolio.i18n import t

MEASURES = ("budget", "spent", "forecast")
ACTION = "accept_totals"  # the audit log's action for an acceptance


def found(con, report_ids, *, open_only: bool = False) -> pd.DataFrame:
    """The disagreements kept for the report versions `report_ids` (one id or several): per row and
    measure what the file states and what the stories add up to, with the report's programme, date,
    version and currency, and accepted_at / accepted_by (missing while open)."""
    ids = [int(report_ids)] if isinstance(report_ids, int) else [int(i) for i in report_ids]
    return db.query(con, "total_disagreements", report_ids=ids, open_only=bool(open_only))


def accept(con, report_id: int, actor: str | None = None) -> int:
    """Accept the open disagreements of one report version, in one transaction with its audit entry
    (who, and what the file and the stories said); how many were accepted (0: nothing was open, and
    nothing is written)."""

    def work(con) -> int:
        open_ = found(con, report_id, open_only=True)
        if open_.empty:
            return 0
        db.execute(con, "accept_total_disagreements", report_id=int(report_id), actor=actor)
        db.execute(con, "insert_audit", actor=actor, action=ACTION, report_id=int(report_id), detail=detail(open_))
        return len(open_)

    return db.write(con, work)


def detail(rows: pd.DataFrame) -> str:
    """The audit log's detail of an acceptance, stored in English: 'row 12 budget: stated 2295000.00,
    stories 2305000.00; ...' (portfolio/audit.py words it in the reader's language)."""
    return "; ".join(
        f"row {int(r.source_row)} {r.measure}: stated {r.stated:.2f}, stories {r.computed:.2f}"
        for r in rows.itertuples()
    )


def sentence(row, lang: str) -> str:
    """One disagreement in words: 'Budget, rij 12: het eigen totaal van de export is € 2.295.000; de
    stories tellen op tot € 2.305.000.' Amounts in full units, in the report's currency and the
    language's notation."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    currency = str(get("currency"))
    return t(
        "own_totals_sentence",
        lang,
        measure=t(get("measure"), lang) if get("measure") in MEASURES else str(get("measure")),
        row=int(get("source_row")),
        stated=fmt.money_stated(float(get("stated")), currency, lang),
        computed=fmt.money_stated(float(get("computed")), currency, lang),
    )
