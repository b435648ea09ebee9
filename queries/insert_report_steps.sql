-- Records that the report versions $report_ids entered $state, by $actor, with $note (a reason or a
-- remark; NULL for none): one row per version, all at one moment.
insert into report_steps (report_id, state, stepped_at, stepped_by, note)
select unnest($report_ids::integer[]), $state, current_timestamp, $actor, $note
