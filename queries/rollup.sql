-- Budget, spent, forecast, variance and traffic-light counts of a report's stories, per programme
-- line ($group_by = 'line'), per track ('track') or for the whole report ('all').
-- Only top-level stories that count in the totals are summed (sub-items are inside their parent).
-- Missing amounts stay missing: each sum comes with the number of stories that gave the amount,
-- and ratios only use stories that have both amounts.
-- An empty string in $programme_line / $track selects stories without a line / track.
with scoped as (
    select
        s.*,
        case
            when $group_by = 'line' then coalesce(s.programme_line, '')
            when $group_by = 'track' then coalesce(s.track, '')
            else ''
        end as group_name
    from stories as s
    where s.report_id = $report_id
      and s.parent_code is null
      and s.in_totals
      and ($programme_line is null or coalesce(s.programme_line, '') = $programme_line)
      and ($track is null or coalesce(s.track, '') = $track)
),

grouped as (
    select
        group_name,
        min(sort_order) as first_order,
        count(*) as n_stories,
        sum(budget)::double as budget,
        sum(spent)::double as spent,
        sum(forecast)::double as forecast,
        count(budget) as n_budget,
        count(spent) as n_spent,
        count(forecast) as n_forecast,
        sum(forecast - budget)::double as variance,
        count(forecast - budget) as n_variance,
        (sum(budget) filter (where forecast is not null))::double as budget_with_forecast,
        (sum(spent) filter (where budget is not null))::double as spent_with_budget,
        (sum(budget) filter (where spent is not null))::double as budget_with_spent,
        count(*) filter (where status = 'red') as n_red,
        count(*) filter (where status = 'amber') as n_amber,
        count(*) filter (where status = 'green') as n_green,
        count(*) filter (where status = 'unknown') as n_unknown
    from scoped
    group by group_name
),

final as (
    select
        *,
        variance / nullif(budget_with_forecast, 0) as variance_pct,
        spent_with_budget / nullif(budget_with_spent, 0) as share_spent
    from grouped
)

select * from final
order by first_order
