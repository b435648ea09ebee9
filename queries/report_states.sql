-- The state of each of the report versions $report_ids (the latest step; a version without a step is a
-- draft), with who checked and who approved it, as they stand now.
with latest as (
    select
        report_id,
        arg_max(state, stepped_at) as state
    from report_steps
    where list_contains($report_ids::integer[], report_id)
    group by report_id
),

checked as (
    select report_id, arg_max(stepped_by, stepped_at) as checked_by, max(stepped_at) as checked_at
    from report_steps
    where list_contains($report_ids::integer[], report_id) and state = 'checked'
    group by report_id
),

approved as (
    select report_id, arg_max(stepped_by, stepped_at) as approved_by, max(stepped_at) as approved_at
    from report_steps
    where list_contains($report_ids::integer[], report_id) and state = 'approved'
    group by report_id
)

select
    ids.report_id,
    coalesce(l.state, 'draft') as state,
    c.checked_by,
    c.checked_at,
    a.approved_by,
    a.approved_at
from (select unnest($report_ids::integer[]) as report_id) as ids
left join latest as l using (report_id)
left join checked as c using (report_id)
left join approved as a using (report_id)
