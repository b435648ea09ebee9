-- Which current reports were loaded from a file with this checksum (the same bytes), whatever their
-- programme and report date: loading the same file again as another programme or date needs a word.
select p.name as programme, r.report_date, r.report_id
from reports as r
join programmes as p using (programme_id)
where r.is_current and r.checksum = $checksum
order by r.report_id
