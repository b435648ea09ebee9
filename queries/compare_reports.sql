-- What changed between two reports of a programme (after the filters): stories added, removed, and
-- per story in both its budget, spent and forecast moves and whether its light got better or worse.
with old as (
    select code, title, budget::double as budget, spent::double as spent, forecast::double as forecast, status,
        sort_order
    from stories
    where report_id = $old_report_id
      and (
        -- include: keep_story
      )
),

new as (
    select code, title, budget::double as budget, spent::double as spent, forecast::double as forecast, status,
        sort_order
    from stories
    where report_id = $new_report_id
      and (
        -- include: keep_story
      )
),

joined as (
    select
        coalesce(n.code, o.code) as code,
        coalesce(n.title, o.title) as title,
        case when o.code is null then 'added' when n.code is null then 'removed' else 'both' end as kind,
        o.budget as budget_old, n.budget as budget_new, n.budget - o.budget as budget_move,
        o.spent as spent_old, n.spent as spent_new, n.spent - o.spent as spent_move,
        o.forecast as forecast_old, n.forecast as forecast_new, n.forecast - o.forecast as forecast_move,
        o.status as status_old, n.status as status_new,
        case
            when o.status = n.status then 'same'
            when o.status = 'unknown' or n.status = 'unknown' then 'changed'
            when (case n.status when 'red' then 3 when 'amber' then 2 else 0 end)
                > (case o.status when 'red' then 3 when 'amber' then 2 else 0 end) then 'worse'
            else 'better'
        end as status_move,
        coalesce(n.sort_order, 1000000 + o.sort_order) as sort_order,
        o.title is distinct from n.title as title_changed
    from old as o
    full outer join new as n on n.code = o.code
),

final as (
    select * from joined
    where kind <> 'both'
       or status_move <> 'same'
       or title_changed
       or budget_old is distinct from budget_new
       or spent_old is distinct from spent_new
       or forecast_old is distinct from forecast_new
)

select * exclude (title_changed) from final
order by sort_order
