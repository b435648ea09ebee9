-- One more failure for the user name and for the client; a count older than $forget_before restarts.
insert into sign_in_failures (subject, failures, last_failure)
values ($name, 1, $at), ($client, 1, $at)
on conflict (subject) do update set
    failures = case when sign_in_failures.last_failure < $forget_before then 1 else sign_in_failures.failures + 1 end,
    last_failure = excluded.last_failure
