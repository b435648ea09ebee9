-- Stories a report names but leaves out of its totals (e.g. 'other activities'): how many, what budget.
select
    count(*) as n_stories,
    sum(budget)::double as budget,
    count(budget) as n_budget
from stories
where report_id = $report_id
  and parent_code is null
  and not in_totals
