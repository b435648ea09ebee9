-- Failures counted for a user name and for a client (portfolio/signin.py), forgotten ones left out.
select subject, failures, last_failure
from sign_in_failures
where subject in ($name, $client) and last_failure >= $forget_before
