-- One more failure for each subject of the attempt, where a count is kept; a count older than
-- $forget_before restarts. record_sign_in_failure_new.sql starts the counts not kept yet (both in one
-- writing transaction).
update sign_in_failures
set failures = case when last_failure < $forget_before then 1 else failures + 1 end,
    last_failure = $at
where list_contains($subjects, subject)
