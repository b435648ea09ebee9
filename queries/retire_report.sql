-- Keeps a report as an earlier version: it stays in the database but is no longer current.
update reports set is_current = false where report_id = $report_id
