-- One report with its programme: what it is, where it came from, its currency.
select
    r.report_id,
    p.name as programme,
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
join programmes as p using (programme_id)
where r.report_id = $report_id
