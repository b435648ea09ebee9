-- Schema version 23: milestones per story and the duration column as written (issue 22).
-- stories.duration: the export's 'Doorlooptijd' / 'Looptijd' / 'Duration' cell as written; a range in it
-- ('01-01-2024 t/m 31-12-2025', '2024 - 2026') gave the story's start and planned end where the export has no
-- such columns (portfolio/ingest/records.py), a length only ('18 maanden') is kept here and said, never
-- turned into dates.
-- story_milestones: the milestones of a story of a report (report_id and code, as stories are keyed), in the
-- order of the export's columns (position), with the header they came from, their name (NULL where the file
-- gives only dates), and their planned and actual date as written and as the first and last day each can
-- mean (portfolio/when.py: a period stays a period). Removed with their report (delete_milestones.sql),
-- carried by `python -m portfolio move` with every other table (report_id is moved with the reports).
-- Runs on a DuckDB file and on a DuckLake alike: no keys, no defaults.
alter table stories add column if not exists duration varchar;
create table if not exists story_milestones (
    report_id integer not null,
    code varchar not null,
    position integer not null,
    column_name varchar,
    name varchar,
    planned varchar,
    planned_first date,
    planned_last date,
    actual varchar,
    actual_first date,
    actual_last date,
    source_row integer
);
