-- A client's sign-in attempts that reached the password check within the rate window.
select count(*) as n, min(attempted_at) as first_at
from sign_in_attempts
where client = $client and attempted_at > $since
