-- One report with its programme: what it is, whether it is the current version, where it came from,
-- its currency (the pages' header and the progress report).
select
    r.report_id,
    r.programme_id,
    p.name as programme,
    r.report_date,
    r.version,
    r.is_current,
    r.title,
    r.source_file,
    r.sheet,
    r.loaded_at,
    r.loaded_by,
    r.currency,
    r.row_count
from reports as r
join programmes as p using (programme_id)
where r.report_id = $report_id
