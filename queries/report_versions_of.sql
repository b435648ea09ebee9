-- The report id and version of the reports $report_ids (a list), by id.
select report_id, version
from reports
where list_contains($report_ids, report_id)
order by report_id
