-- Budget, spent and forecast of every current report of a programme (after the filters), oldest
-- first: how the programme's figures moved from report to report.
with scoped as (
    select r.report_id, r.report_date, s.*
    from reports as r
    join stories as s on s.report_id = r.report_id
    where r.programme_id = $programme_id
      and r.is_current
      and s.parent_code is null
      and s.in_totals
      and keep_story(s.programme_line, s.track, s.owner, s.status, s.necessity, s.code, s.title,
                     $lines, $tracks, $owners, $statuses, $necessities, $search)
),

final as (
    select
        report_id,
        report_date,
        count(*) as n_stories,
        sum(budget)::double as budget,
        sum(spent)::double as spent,
        sum(forecast)::double as forecast,
        count(*) filter (where status = 'red') as n_red,
        count(*) filter (where status = 'amber') as n_amber,
        count(*) filter (where status = 'green') as n_green,
        count(*) filter (where status = 'unknown') as n_unknown
    from scoped
    group by report_id, report_date
)

select * from final
order by report_date
