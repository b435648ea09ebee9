-- Schema version 21: the narrative of a report (issue 23), as a board memo writes it beside the figures.
-- - narratives: per report version an introduction and what is asked of the board (scope 'report',
--   subject ''); per programme line or track what was delivered, what is at risk and what comes next
--   (scope 'line' or 'track', subject its name); per story its approach, intended result and next step
--   (scope 'story', subject its code). Append only: every save is a row, the latest per (report_id,
--   scope, subject, field) is the text; an empty body is a text cleared on purpose. carried_from names
--   the earlier version the text was carried over from (materialised, portfolio/narrative.py); NULL
--   when written for this version.
-- - risks: the risk list of a report version (risk, story, owner, likelihood, impact, measure). Saved as
--   a whole list: the rows of the latest written_at of a version are its list; a list saved empty is
--   one row without a risk.
-- - stories: the export's own columns for a story's approach, intended result, next step, risk and
--   measure (Aanpak, Beoogd resultaat, Volgende stap, Risico, Maatregel; portfolio/vocabulary.toml).
-- Runs on a DuckDB file and on a DuckLake alike: no keys, no defaults.
create table if not exists narratives (
    report_id integer not null,
    scope varchar not null,
    subject varchar not null,
    field varchar not null,
    body varchar,
    carried_from integer,
    written_at timestamp not null,
    written_by varchar
);
create table if not exists risks (
    report_id integer not null,
    position integer not null,
    story_code varchar,
    risk varchar,
    owner varchar,
    likelihood varchar,
    impact varchar,
    measure varchar,
    carried_from integer,
    written_at timestamp not null,
    written_by varchar
);
alter table stories add column if not exists approach varchar;
alter table stories add column if not exists intended_result varchar;
alter table stories add column if not exists next_step varchar;
alter table stories add column if not exists risk varchar;
alter table stories add column if not exists risk_measure varchar;
