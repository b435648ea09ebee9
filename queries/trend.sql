-- Budget, spent and forecast of every current report of a programme (after the filters), oldest
-- first: how the programme's figures moved from report to report.
with per_report as (
    select
        r.report_id,
        r.report_date,
        t.*
    from reports as r,
        lateral (
            select
                count(*) as n_stories,
                sum(s.budget)::double as budget,
                sum(s.spent)::double as spent,
                sum(s.forecast)::double as forecast,
                sum(s.baseline_used)::double as baseline,
                count(*) filter (where s.status = 'red') as n_red,
                count(*) filter (where s.status = 'amber') as n_amber,
                count(*) filter (where s.status = 'green') as n_green,
                count(*) filter (where s.status = 'unknown') as n_unknown
            from report_stories(r.report_id, $lines, $tracks, $owners, $statuses, $necessities, $search) as s
            where s.parent_code is null
              and s.in_totals
        ) as t
    where r.programme_id = $programme_id
      and r.is_current
),

final as (
    select * from per_report
)

select * from final
order by report_date
