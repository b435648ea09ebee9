-- The values a user can filter a report on: its programme lines, tracks, owners and necessities
-- ('' stands for stories without one), in the order they first appear in the source.
with values_seen as (
    select 'line' as field, coalesce(programme_line, '') as value, sort_order from stories where report_id = $report_id
    union all
    select 'track', coalesce(track, ''), sort_order from stories where report_id = $report_id
    union all
    select 'owner', coalesce(owner, ''), sort_order from stories where report_id = $report_id
    union all
    select 'necessity', coalesce(necessity, ''), sort_order from stories where report_id = $report_id
),

final as (
    select field, value, min(sort_order) as first_order
    from values_seen
    group by field, value
)

select field, value from final
order by field, first_order
