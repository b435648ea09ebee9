-- The reports of one programme, newest report date first: the current versions, or with $approved_only
-- the reports of record (per report date the newest approved version; a newer draft does not hide it).
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
  and case when $approved_only then r.report_id in (select report_id from of_record) else r.is_current end
order by r.report_date desc
