-- Schema version 13: browsers a user has signed in from (portfolio/signin.py). A successful sign-in
-- gives the browser a random device token in an HttpOnly cookie; its SHA-256 digest is kept here with
-- the digest of the user name, so the lockout of a name from unknown clients does not stop that user
-- on a browser that signed in before (OWASP's device cookies). Times are seconds since 1970.
create table if not exists sign_in_devices (
    device varchar not null,
    name varchar not null,
    signed_in_at double not null
);
