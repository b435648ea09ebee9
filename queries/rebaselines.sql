-- Every rebaseline (herijking) of the stories of a programme ($programme_id; one story where $code is
-- given): a change of its budget, or of its baseline end date (latest approved, else planned; compared by
-- the first and last day it can mean, else as written), between a current report and the story's report
-- before it, up to the report dated $until (NULL: all). Per change: the report date it shows in and the
-- one before, old and new, and its reason: entered on the story page (the latest entry; rebaseline_reasons),
-- else the export's own (stories.rebaseline_reason). A budget or end that appears or disappears is no
-- rebaseline: missing is not a value.
with sequenced as (
    select report_id, report_date
    from reports
    where programme_id = $programme_id
      and is_current
      and ($until is null or report_date <= $until)
),

laid as (
    select
        s.code,
        s.title,
        q.report_id,
        q.report_date,
        s.budget::double as budget,
        coalesce(s.approved_end, s.planned_end) as end_text,
        coalesce(
            coalesce(s.approved_end_first, s.planned_end_first)::varchar
            || '/' || coalesce(s.approved_end_last, s.planned_end_last)::varchar,
            coalesce(s.approved_end, s.planned_end)
        ) as end_key,
        s.rebaseline_reason,
        lag(q.report_date) over w as previous_date,
        lag(s.budget::double) over w as previous_budget,
        lag(coalesce(s.approved_end, s.planned_end)) over w as previous_end_text,
        lag(coalesce(
            coalesce(s.approved_end_first, s.planned_end_first)::varchar
            || '/' || coalesce(s.approved_end_last, s.planned_end_last)::varchar,
            coalesce(s.approved_end, s.planned_end)
        )) over w as previous_end_key
    from stories as s
    join sequenced as q on q.report_id = s.report_id
    where $code is null or s.code = $code
    window w as (partition by s.code order by q.report_date)
),

changes as (
    select
        code, title, report_id, report_date, previous_date, 'budget' as field,
        previous_budget as old_budget, budget as new_budget, null::varchar as old_end, null::varchar as new_end,
        rebaseline_reason
    from laid
    where budget <> previous_budget
    union all
    select
        code, title, report_id, report_date, previous_date, 'end' as field,
        null::double, null::double, previous_end_text, end_text,
        rebaseline_reason
    from laid
    where end_key <> previous_end_key
),

entered as (
    select code, report_date, field, arg_max(reason, written_at) as reason, arg_max(written_by, written_at) as written_by,
        max(written_at) as written_at
    from rebaseline_reasons
    where programme_id = $programme_id
    group by code, report_date, field
)

select
    c.code,
    c.title,
    c.report_id,
    c.report_date,
    c.previous_date,
    c.field,
    c.old_budget,
    c.new_budget,
    c.old_end,
    c.new_end,
    nullif(trim(c.rebaseline_reason), '') as export_reason,
    e.reason as entered_reason,
    e.written_by,
    e.written_at,
    case when e.code is not null then nullif(trim(e.reason), '') else nullif(trim(c.rebaseline_reason), '') end
        as reason
from changes as c
left join entered as e on e.code = c.code and e.report_date = c.report_date and e.field = c.field
order by c.report_date, c.code, c.field
