-- The reports of record of one programme ($programme_id), newest report date first: per report date
-- the newest version whose state is approved (a newer draft of the same date does not hide it).
with
-- include: reports_of_record

select
    r.report_id,
    r.report_date,
    r.version,
    r.title,
    r.source_file,
    r.sheet,
    r.loaded_at,
    r.loaded_by,
    r.currency,
    r.row_count
from reports as r
where r.programme_id = $programme_id
  and r.report_id in (select report_id from of_record)
order by r.report_date desc
