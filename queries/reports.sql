-- The current reports of one programme, newest report date first.
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
  and r.is_current
order by r.report_date desc
