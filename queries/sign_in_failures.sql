-- Failures counted for the subjects of one attempt (portfolio/signin.py: the name from this client, the
-- client, the name everywhere, or the trusted device), forgotten ones left out.
select subject, failures, last_failure
from sign_in_failures
where list_contains($subjects, subject) and last_failure >= $forget_before
