-- Which report is current (with its checksum) for each programme and report date an export is about to load.
-- $programmes and $report_dates are equally long lists: the n-th programme goes with the n-th date.
select p.name as programme, r.report_date, r.report_id, r.checksum
from reports as r
join programmes as p using (programme_id)
join (select unnest($programmes) as programme, unnest($report_dates) as report_date) as wanted
    on wanted.programme = p.name and wanted.report_date = r.report_date
where r.is_current
order by r.report_id
