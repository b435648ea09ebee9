-- A successful sign-in clears the counts of the name from that client (and of the device it used); the
-- client's count and the name's count everywhere stay. Long-forgotten rows go too.
delete from sign_in_failures where list_contains($subjects, subject) or last_failure < $forget_before
