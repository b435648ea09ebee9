-- Budget, spent, forecast, variance, drift and traffic lights of a report's stories (after the filters)
-- at every level at once: the whole report ('all'), per programme line ('line'), per track ('track')
-- and per line x track ('line_track'), one grouping-sets pass.
-- Only top-level stories that count in the totals are summed (sub-items are inside their parent).
-- Missing amounts stay missing: each sum comes with the number of stories that gave the amount,
-- and ratios only use stories that have both amounts. Light shares are weighted by budget (no story on
-- a light is a 0% share of a known budget; with no budget at all the share is missing).
with scoped as (
    select
        s.*,
        coalesce(s.programme_line, '') as line_name,
        coalesce(s.track, '') as track_name
    from report_stories($report_id, $lines, $tracks, $owners, $statuses, $necessities, $search) as s
    where s.parent_code is null
      and s.in_totals
),

grouped as (
    select
        case
            when grouping(line_name) = 0 and grouping(track_name) = 0 then 'line_track'
            when grouping(line_name) = 0 then 'line'
            when grouping(track_name) = 0 then 'track'
            else 'all'
        end as level,
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
        count(*) filter (where status = 'green' and figures_status in ('amber', 'red')) as n_watermelons
    from scoped
    group by grouping sets ((), (line_name), (track_name), (line_name, track_name))
),

final as (
    select
        *,
        case level when 'line' then programme_line when 'track' then track else '' end as group_name,
        variance / nullif(budget_with_forecast, 0) as variance_pct,
        spent_with_budget / nullif(budget_with_spent, 0) as share_spent,
        coalesce(budget_red, 0) / nullif(budget, 0) as share_red,
        coalesce(budget_amber, 0) / nullif(budget, 0) as share_amber,
        coalesce(budget_green, 0) / nullif(budget, 0) as share_green
    from grouped
)

select * from final
order by level, first_order
