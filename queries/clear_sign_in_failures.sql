-- A successful sign-in clears the user name's count (the client's stays); long-forgotten rows go too.
delete from sign_in_failures where subject = $name or last_failure < $forget_before
