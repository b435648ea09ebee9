-- Which current report of a programme a new report on $report_date is compared with:
-- the one on that date (it would be replaced), else the latest one before it.
select
    r.report_id,
    r.report_date,
    r.version,
    r.source_file
from reports as r
join programmes as p using (programme_id)
where p.name = $programme
  and r.is_current
  and r.report_date <= $report_date
order by r.report_date desc
limit 1
