-- Which programmes have a current report, with their latest report date; the most recently loaded first.
select
    p.programme_id,
    p.name,
    count(r.report_id) as n_reports,
    max(r.report_date) as latest_report_date,
    max(r.report_id) as latest_report_id
from programmes as p
join reports as r on r.programme_id = p.programme_id and r.is_current
group by all
order by latest_report_id desc
