-- Records who changed what, and when.
insert into audit_log (actor, action, report_id, detail)
values ($actor, $action, $report_id, $detail)
