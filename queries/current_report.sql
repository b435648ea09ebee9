-- Which report is current for a programme and report date (none, or one row).
select r.report_id, r.version, r.checksum
from reports as r
join programmes as p using (programme_id)
where p.name = $programme
  and r.report_date = $report_date
  and r.is_current
