-- Schema version 18: rebaselines and why (issue 22). A change of a story's budget or baseline end date
-- (latest approved, else planned) between two current reports is a rebaseline (herijking), listed by
-- queries/rebaselines.sql; its reason comes from the export (stories.rebaseline_reason: a column such as
-- 'Reden herijking', the reason given in the report where the change shows) or is entered on the story
-- page by someone with the right to write narrative (rebaseline_reasons: append only, the latest row per
-- programme, story, report date and field is the reason; an empty reason is one cleared on purpose).
-- Runs on a DuckDB file and on a DuckLake alike: no keys, no defaults.
alter table stories add column if not exists rebaseline_reason varchar;
create table if not exists rebaseline_reasons (
    programme_id integer not null,
    code varchar not null,
    report_date date not null,
    field varchar not null,
    reason varchar,
    written_at timestamp not null,
    written_by varchar
);
