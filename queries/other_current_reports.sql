-- How many current reports the programmes named in $programmes have besides the reports in $report_ids (a
-- load's own): none means the load's stories are all its judgement reads (judge_staged_stories.sql).
select count(*)
from reports as r
join programmes as p using (programme_id)
where r.is_current
  and list_contains($programmes, p.name)
  and not list_contains($report_ids, r.report_id)
