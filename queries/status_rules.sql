-- The rules for the traffic light the figures give, as the controller set them.
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
    updated_by
from status_rules
where id = 1
