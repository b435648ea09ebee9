-- Schema version 22: the cover memo of a programme's written report (issue 23), as the real one has it:
-- subject, registration number, memo date, author, department, portfolio holder (portefeuillehouder),
-- public or not (openbaar), for information or for decision (ter kennisname / ter besluitvorming), to
-- whom (aan), and the programme's goals and period for the introduction. Kept per programme, one row per
-- field and save (append only): the latest per (programme_id, field) is the value; an empty value is a
-- field cleared on purpose. Runs on a DuckDB file and on a DuckLake alike: no keys, no defaults.
create table if not exists programme_cover (
    programme_id integer not null,
    field varchar not null,
    value varchar,
    written_at timestamp not null,
    written_by varchar
);
