-- User names under attack within the last $within seconds (portfolio/signin.py writes these into the
-- audit log), newest first.
select logged_at, detail
from audit_log
where action = 'sign_in_attack' and logged_at >= cast(current_timestamp as timestamp) - to_seconds($within)
order by logged_at desc
limit $limit
