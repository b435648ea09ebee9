-- Stories that need attention (after the filters): reported red or amber, a forecast above budget,
-- or figures that say worse than the reported light; worst first (red before amber, then the
-- largest expected overrun).
with flagged as (
    select
        code,
        title,
        programme_line,
        track,
        owner,
        status,
        status_label,
        status_note,
        figures_status,
        budget::double as budget,
        spent::double as spent,
        forecast::double as forecast,
        (forecast - budget)::double as variance,
        ((forecast - budget) / nullif(budget, 0))::double as variance_pct,
        coalesce(forecast > budget, false) as over_budget,
        (status = 'green' and figures_status in ('amber', 'red')) as watermelon,
        greatest(
            case status when 'red' then 3 when 'amber' then 2 else 0 end,
            case figures_status when 'red' then 3 when 'amber' then 2 else 0 end
        ) as severity,
        sort_order
    from report_stories($report_id, $lines, $tracks, $owners, $statuses, $necessities, $search)
    where parent_code is null
      and in_totals
),

final as (
    select * from flagged
    where status in ('red', 'amber') or over_budget or watermelon
)

select * from final
order by severity desc, coalesce(variance, 0) desc, sort_order
