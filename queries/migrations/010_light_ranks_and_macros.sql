-- Schema version 10: one home for the rank of each light, and a record of the live macros.
-- 1. light_ranks: how bad each light is (higher is worse). The one definition for SQL; it holds the
--    same numbers as portfolio.status.SEVERITY (tests/test_status.py checks that they agree). 'unknown'
--    ranks above green: a light nobody knows needs more attention than a green one.
-- 2. live_macros: the macros the app uses live in queries/macros/*.sql; db.migrate() re-creates a
--    macro after the migrations whenever its file changed, and records the file's checksum here (so
--    an unchanged macro costs no write on connect).
create table if not exists light_ranks (
    status varchar not null,
    rank integer not null
);
delete from light_ranks;
insert into light_ranks values ('red', 3), ('amber', 2), ('unknown', 1), ('green', 0);

create table if not exists live_macros (
    name varchar not null,
    checksum varchar not null
);
