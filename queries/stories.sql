-- All stories of a report (sub-items and stories outside the totals included) with their measures,
-- the light the figures give and whether the story needs attention (reported red or amber, forecast
-- above budget, reported green against its figures or with its end moved beyond the margin since the
-- previous report, stuck over several reports, or its end passed while not reported done; severity = the
-- rank, in light_ranks, of the worse of the two lights), after the filters, in the order of the source.
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
    ambition,
    figures_status,
    figures_cause,
    start_date,
    planned_end,
    approved_end,
    forecast_end,
    duration,
    start_date_first,
    planned_end_first,
    planned_end_last,
    approved_end_first,
    approved_end_last,
    forecast_end_first,
    forecast_end_last,
    slip_days_min,
    slip_days_max,
    slip_share_min,
    slip_share_max,
    end_move_days_min,
    end_move_days_max,
    end_move_share_min,
    end_move_share_max,
    watermelon_cause,
    watermelon_cause is not null as watermelon,
    unchanged_reports,
    coalesce(stuck, false) as stuck,
    coalesce(reported_done, false) as reported_done,
    coalesce(end_passed, false) as end_passed,
    coalesce(forecast > budget, false) as over_budget,
    greatest(ranks.rank_of[status], ranks.rank_of[figures_status]) as severity,
    parent_code is null and in_totals and (
        status in ('red', 'amber')
        or coalesce(forecast > budget, false)
        or watermelon_cause is not null
        or coalesce(stuck, false)
        or coalesce(end_passed, false)
    ) as needs_attention,
    necessity,
    in_totals,
    source_row,
    sort_order
from stories,
    (select map(list(status), list(rank)) as rank_of from light_ranks) as ranks
where report_id = $report_id
    and (
        -- include: keep_story
    )
order by sort_order
