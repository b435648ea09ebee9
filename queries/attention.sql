-- Stories that need attention: red or amber, or a forecast above budget; worst first
-- (red before amber before the rest, then the largest expected overrun).
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
        budget::double as budget,
        spent::double as spent,
        forecast::double as forecast,
        (forecast - budget)::double as variance,
        coalesce(forecast > budget, false) as over_budget,
        case status when 'red' then 3 when 'amber' then 2 when 'unknown' then 1 else 0 end as severity,
        sort_order
    from stories
    where report_id = $report_id
      and parent_code is null
      and in_totals
      and ($programme_line is null or coalesce(programme_line, '') = $programme_line)
      and ($track is null or coalesce(track, '') = $track)
),

final as (
    select * from flagged
    where status in ('red', 'amber') or over_budget
)

select * from final
order by severity desc, coalesce(variance, 0) desc, sort_order
