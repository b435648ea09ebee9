-- The ambition (goal) each story of a report states, where the database has that column
-- (portfolio.progress_report asks only after story_columns says it is there).
select
    code,
    ambition
from stories
where report_id = $report_id
  and ambition is not null
