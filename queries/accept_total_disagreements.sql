-- Accepts the open disagreements between the export's own totals and its stories of one report
-- version ($report_id): who ($actor) and when are kept beside them.
update total_disagreements
set accepted_at = current_timestamp,
    accepted_by = $actor
where report_id = $report_id
  and accepted_at is null
