-- Has this exact file already been loaded as the current report of this programme and date?
select r.report_id
from reports as r
join programmes as p using (programme_id)
where r.checksum = $checksum
  and p.name = $programme
  and r.report_date = $report_date
  and r.is_current
