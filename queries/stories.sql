-- All stories of a report (sub-items and stories outside the totals included) with their measures
-- and the light the figures give, after the filters, in the order of the source.
select
    code,
    title,
    programme_line,
    track,
    owner,
    parent_code,
    period,
    budget::double as budget,
    spent::double as spent,
    realised::double as realised,
    committed::double as committed,
    forecast::double as forecast,
    baseline_used as baseline,
    (forecast - budget)::double as variance,
    ((forecast - budget) / nullif(budget, 0))::double as variance_pct,
    (spent / nullif(budget, 0))::double as burn,
    (budget - spent)::double as remaining,
    (forecast - spent)::double as to_spend,
    drift,
    drift_share as drift_pct,
    status,
    status_label,
    status_note,
    figures_status,
    (status = 'green' and figures_status in ('amber', 'red')) as watermelon,
    necessity,
    in_totals,
    source_row,
    sort_order
from report_stories($report_id, $lines, $tracks, $owners, $statuses, $necessities, $search)
order by sort_order
