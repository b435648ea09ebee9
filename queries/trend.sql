-- Budget, spent and forecast of every current report of a programme (after the filters), oldest
-- first, split by what the budget is for, seen from the report's year (the quarterly view of the
-- OWO plan: this year's budget and what is carried over from earlier years):
--   'current'  the story's period includes the report's year (or names no other year than it),
--   'earlier'  its period ended in an earlier year (budget carried over),
--   'later'    its period starts in a later year,
--   'unknown'  its period names no year.
-- With $until_report_id (not null) only the reports up to that report's date: the time of a page is
-- the chosen report's time, later reports are not drawn.
-- Sum the rows of a report for its totals. Missing amounts stay missing: each sum comes with the
-- number of stories that gave it.
with scoped as (
    select
        r.report_id,
        r.report_date,
        case
            when s.period_from is null then 'unknown'
            when s.period_to < year(r.report_date) then 'earlier'
            when s.period_from > year(r.report_date) then 'later'
            else 'current'
        end as period_class,
        s.budget,
        s.spent,
        s.forecast,
        s.status
    from reports as r
    join stories as s on s.report_id = r.report_id
    where r.programme_id = $programme_id
      and r.is_current
      and (
          $until_report_id is null
          or r.report_date <= (select u.report_date from reports as u where u.report_id = $until_report_id)
      )
      and s.parent_code is null
      and s.in_totals
      and (
        -- include: keep_story
      )
),

final as (
    select
        report_id,
        report_date,
        period_class,
        count(*) as n_stories,
        sum(budget)::double as budget,
        sum(spent)::double as spent,
        sum(forecast)::double as forecast,
        sum(budget - spent)::double as remaining,
        count(budget) as n_budget,
        count(spent) as n_spent,
        count(forecast) as n_forecast,
        count(budget - spent) as n_remaining,
        count(*) filter (where status = 'red') as n_red,
        count(*) filter (where status = 'amber') as n_amber,
        count(*) filter (where status = 'green') as n_green,
        count(*) filter (where status = 'unknown') as n_unknown
    from scoped
    group by report_id, report_date, period_class
)

select * from final
order by report_date, period_class
