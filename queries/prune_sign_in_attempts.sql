-- Attempts older than the rate window no longer count; dropped so the table stays small.
delete from sign_in_attempts where attempted_at <= $since
