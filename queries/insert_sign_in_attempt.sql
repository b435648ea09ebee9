-- An attempt about to reach the password check (queries/prune_sign_in_attempts.sql drops old ones).
insert into sign_in_attempts (client, attempted_at) values ($client, $at)
