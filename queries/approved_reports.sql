-- The reports of record of one programme ($programme_id), newest report date first: per report date
-- the newest version whose state is approved (a newer draft of the same date does not hide it).
with latest as (
    select report_id, arg_max(state, stepped_at) as state
    from report_steps
    group by report_id
),

approved as (
    select
        r.*,
        row_number() over (partition by r.report_date order by r.version desc) as newest
    from reports as r
    join latest as l using (report_id)
    where r.programme_id = $programme_id
      and l.state = 'approved'
)

select
    report_id,
    report_date,
    version,
    title,
    source_file,
    sheet,
    loaded_at,
    loaded_by,
    currency,
    row_count
from approved
where newest = 1
order by report_date desc
