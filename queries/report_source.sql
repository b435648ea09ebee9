-- One report as its progress report names it: the programme (id and name), report date, version and
-- whether it is the current one, the file and sheet it was loaded from, when and by whom, its currency.
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
