-- Schema version 7: built-in sign-in remembers failures and attempts in the database, so a new
-- browser session, a reconnect or another process starts from the same counts (portfolio/signin.py).
-- Subjects are SHA-256 digests of 'name:<user name>' and 'client:<address>': a password typed into
-- the name field is never stored as written. Times are seconds since 1970 (the app's clock).
create table if not exists sign_in_failures (
    subject varchar primary key,
    failures integer not null,
    last_failure double not null
);

create table if not exists sign_in_attempts (
    client varchar not null,
    attempted_at double not null
);
