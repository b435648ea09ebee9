-- Sets the rules for the traffic light the figures give: everybody's ($programme null) or those of the
-- programme named $programme (its own row, made first by make_programme_rules.sql).
update status_rules
set overrun_amber = $overrun_amber,
    overrun_red = $overrun_red,
    spent_over_budget_red = $spent_over_budget_red,
    drift_amber = $drift_amber,
    drift_red = $drift_red,
    schedule_amber = $schedule_amber,
    schedule_red = $schedule_red,
    stuck_reports = $stuck_reports,
    updated_at = current_timestamp,
    updated_by = $updated_by
where (id = 1 and $programme is null)
    or (id = 2 and programme_id = (select programme_id from programmes where name = $programme))
