-- Records who changed what, and when.
insert into audit_log (logged_at, actor, action, report_id, detail)
values (current_timestamp, $actor, $action, $report_id, $detail)
