-- Records who changed what, and when, for several reports at once: the n-th action, report and detail go together.
insert into audit_log (logged_at, actor, action, report_id, detail)
select current_timestamp, $actor, unnest($actions), unnest($report_ids), unnest($details)
