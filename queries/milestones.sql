-- The milestones of a report's stories ($codes: only these; NULL: all), in the order of the stories and of
-- the export's columns, with whether each is missed: its planned date lay wholly before the report date and
-- it has no actual date (a milestone without a planned date is never missed, nor met: missing is not on time).
select
    m.code,
    m.position,
    m.column_name,
    m.name,
    m.planned,
    m.planned_first,
    m.planned_last,
    m.actual,
    m.actual_first,
    m.actual_last,
    r.report_date,
    coalesce(m.planned_last < r.report_date and m.actual is null, false) as missed
from story_milestones as m
join reports as r on r.report_id = m.report_id
left join stories as s on s.report_id = m.report_id and s.code = m.code
where m.report_id = $report_id
    and ($codes is null or list_contains($codes, m.code))
order by s.sort_order, m.code, m.position
