-- Every step of one report version ($report_id), oldest first: the state it entered, when, by whom, why.
select state, stepped_at, stepped_by, note
from report_steps
where report_id = $report_id
order by stepped_at, state = 'approved', state = 'checked'
