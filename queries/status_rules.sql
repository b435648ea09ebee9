-- The rules for the traffic light the figures give, as the controller set them: those of the programme
-- named $programme where it has its own (id 2, migration 020), else everybody's (id 1; also for
-- $programme null). `own` says which.
select
    overrun_amber,
    overrun_red,
    spent_over_budget_red,
    drift_amber,
    drift_red,
    schedule_amber,
    schedule_red,
    stuck_reports,
    updated_at,
    updated_by,
    id = 2 as own
from status_rules
where id = 1
    or (id = 2 and programme_id = (select programme_id from programmes where name = $programme))
order by id desc
limit 1
