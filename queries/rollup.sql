-- Budget, spent, forecast, variance, drift and traffic lights of a report's stories, per programme
-- line ($group_by = 'line'), per track ('track') or for the whole report ('all'), after the filters.
-- Only top-level stories that count in the totals are summed (sub-items are inside their parent).
-- Missing amounts stay missing: each sum comes with the number of stories that gave the amount,
-- and ratios only use stories that have both amounts. Light shares are weighted by budget.
with scoped as (
    select
        s.*,
        case
            when $group_by = 'line' then coalesce(s.programme_line, '')
            when $group_by = 'track' then coalesce(s.track, '')
            else ''
        end as group_name
    from report_stories($report_id, $lines, $tracks, $owners, $statuses, $necessities, $search) as s
    where s.parent_code is null
      and s.in_totals
),

grouped as (
    select
        group_name,
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
        (sum(baseline_used) filter (where forecast is not null))::double as baseline_with_forecast,
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
        (sum(budget) filter (where status = 'unknown'))::double as budget_unknown,
        count(*) filter (where figures_status = 'red') as n_figures_red,
        count(*) filter (where figures_status = 'amber') as n_figures_amber,
        count(*) filter (where figures_status = 'green') as n_figures_green,
        count(*) filter (where figures_status = 'unknown') as n_figures_unknown,
        count(*) filter (where status = 'green' and figures_status in ('amber', 'red')) as n_watermelons
    from scoped
    group by group_name
),

final as (
    select
        *,
        variance / nullif(budget_with_forecast, 0) as variance_pct,
        spent_with_budget / nullif(budget_with_spent, 0) as share_spent,
        drift / nullif(baseline_with_forecast, 0) as drift_pct
    from grouped
)

select * from final
order by first_order
