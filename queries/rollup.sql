-- Budget, spent, forecast, variance, drift and traffic lights of a report's stories (after the filters)
-- per programme line x track, the finest level the pages show. portfolio.analysis.rollups() adds the
-- cells up to lines, tracks and the whole report: every column here is a sum, a count or a minimum,
-- so the coarser levels are exact; the ratios are taken after that. (One grouping-sets query for all
-- levels cost DuckDB 25-40 ms of planning per filter change; this one about a third of that.)
-- Only top-level stories that count in the totals are summed (sub-items are inside their parent).
-- Missing amounts stay missing: each sum comes with the number of stories that gave the amount,
-- and ratios only use stories that have both amounts.
with scoped as (
    select
        s.*,
        coalesce(s.programme_line, '') as line_name,
        coalesce(s.track, '') as track_name
    from stories as s
    where s.report_id = $report_id
      and s.parent_code is null
      and s.in_totals
      and (
        -- include: keep_story
      )
)

select
    line_name as programme_line,
    track_name as track,
    min(sort_order) as first_order,
    count(*) as n_stories,
    sum(budget)::double as budget,
    sum(spent)::double as spent,
    sum(forecast)::double as forecast,
    sum(baseline_used)::double as baseline,
    count(budget) as n_budget,
    count(spent) as n_spent,
    count(forecast) as n_forecast,
    sum(forecast - budget)::double as variance,
    count(forecast - budget) as n_variance,
    sum(drift)::double as drift,
    (sum(budget) filter (where forecast is not null))::double as budget_with_forecast,
    (sum(spent) filter (where budget is not null))::double as spent_with_budget,
    (sum(budget) filter (where spent is not null))::double as budget_with_spent,
    (sum(budget - spent))::double as remaining,
    (sum(forecast - spent))::double as to_spend,
    count(*) filter (where status = 'red') as n_red,
    count(*) filter (where status = 'amber') as n_amber,
    count(*) filter (where status = 'green') as n_green,
    count(*) filter (where status = 'unknown') as n_unknown,
    (sum(budget) filter (where status = 'red'))::double as budget_red,
    (sum(budget) filter (where status = 'amber'))::double as budget_amber,
    (sum(budget) filter (where status = 'green'))::double as budget_green,
    count(*) filter (where figures_status = 'red') as n_figures_red,
    count(*) filter (where figures_status = 'amber') as n_figures_amber,
    count(*) filter (where figures_status = 'green') as n_figures_green,
    count(*) filter (where coalesce(figures_status, 'unknown') = 'unknown') as n_figures_unknown,
    count(*) filter (where watermelon_cause is not null) as n_watermelons  -- figures or an end moved (017)
from scoped
group by line_name, track_name
order by first_order
