-- Schema version 12: where an export's own totals row disagrees with the stories it adds up, the
-- disagreement is kept with the report version it came in (queries/insert_total_disagreements.sql):
-- which row, which measure (budget, spent, forecast), what the row states and what the stories come
-- to, in full currency units. It is open until someone who may upload accepts it (accepted_at and
-- accepted_by, queries/accept_total_disagreements.sql; the audit log records it too). Runs on a
-- DuckDB file and on a DuckLake alike: no keys, no defaults.
create table if not exists total_disagreements (
    report_id integer not null,
    source_row integer not null,
    measure varchar not null,
    column_name varchar,
    stated decimal(18, 2) not null,
    computed decimal(18, 2) not null,
    accepted_at timestamp,
    accepted_by varchar
);
