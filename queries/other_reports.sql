-- How many reports (any version, current or not) the programmes named in $programmes have besides the reports
-- in $report_ids (a load's own): none means the load's stories are all the stories of its programmes, and
-- its judgement can be worked out from them as they are written (insert_stories.sql). A replaced
-- version keeps its stories, which a judgement after the write judges again: such a load takes that way.
select count(*)
from reports as r
join programmes as p using (programme_id)
where list_contains($programmes, p.name)
  and not list_contains($report_ids, r.report_id)
