-- Records the reason for a rebaseline entered on the story page (queries/rebaselines.sql reads the latest).
insert into rebaseline_reasons values ($programme_id, $code, $report_date, $field, $reason, current_timestamp, $written_by)
