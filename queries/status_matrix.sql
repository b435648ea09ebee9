-- How many stories, and which share of the budget, sit on each reported traffic light, per programme
-- line x track (after the filters); with the lights the figures give and the 'watermelons' among them.
with scoped as (
    select *
    from report_stories($report_id, $lines, $tracks, $owners, $statuses, $necessities, $search)
    where parent_code is null
      and in_totals
),

final as (
    select
        coalesce(programme_line, '') as programme_line,
        coalesce(track, '') as track,
        count(*) filter (where status = 'red') as n_red,
        count(*) filter (where status = 'amber') as n_amber,
        count(*) filter (where status = 'green') as n_green,
        count(*) filter (where status = 'unknown') as n_unknown,
        count(*) as n_stories,
        sum(budget)::double as budget,
        ((sum(budget) filter (where status = 'red')) / nullif(sum(budget), 0))::double as share_red,
        ((sum(budget) filter (where status = 'amber')) / nullif(sum(budget), 0))::double as share_amber,
        ((sum(budget) filter (where status = 'green')) / nullif(sum(budget), 0))::double as share_green,
        ((sum(budget) filter (where status = 'unknown')) / nullif(sum(budget), 0))::double as share_unknown,
        count(*) filter (where figures_status = 'red') as n_figures_red,
        count(*) filter (where figures_status = 'amber') as n_figures_amber,
        count(*) filter (where status = 'green' and figures_status in ('amber', 'red')) as n_watermelons,
        min(sort_order) as first_order
    from scoped
    group by all
)

select * exclude (first_order) from final
order by first_order
