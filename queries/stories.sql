-- All stories of a report (sub-items and stories outside the totals included) with their measures,
-- in the order of the source. Filters on line / track as rollup.sql.
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
    baseline::double as baseline,
    (forecast - budget)::double as variance,
    ((forecast - budget) / nullif(budget, 0))::double as variance_pct,
    (spent / nullif(budget, 0))::double as burn,
    (budget - spent)::double as remaining,
    (forecast - spent)::double as to_spend,
    status,
    status_label,
    status_note,
    necessity,
    in_totals,
    source_row,
    sort_order
from stories
where report_id = $report_id
  and ($programme_line is null or coalesce(programme_line, '') = $programme_line)
  and ($track is null or coalesce(track, '') = $track)
order by sort_order
