-- Schema version 15: slip, and the schedule in the light the figures give (issue 22). Per story, the
-- forecast end (else the latest approved end) against the planned end, in days and as a share of the
-- planned duration (start to planned end); where a date is a period, the least and the most it can be
-- (queries/parts/judged_stories.sql, written by refresh_judgement.sql like the cost measures).
-- figures_cause says what made the light by the figures amber or red: cost, schedule or both.
-- The rules get schedule margins beside the cost margins (shares of the planned duration).
-- Runs on a DuckDB file and on a DuckLake alike: no defaults, the rules row is filled here.
-- (Migration 017 works the judgement out again: the current queries/parts/judged_stories.sql reads
-- columns only 017 adds, so it no longer runs here.)
alter table stories add column if not exists slip_days_min integer;
alter table stories add column if not exists slip_days_max integer;
alter table stories add column if not exists slip_share_min double;
alter table stories add column if not exists slip_share_max double;
alter table stories add column if not exists figures_cause varchar;
alter table status_rules add column if not exists schedule_amber double;
alter table status_rules add column if not exists schedule_red double;
update status_rules set schedule_amber = 0.10 where schedule_amber is null;
update status_rules set schedule_red = 0.25 where schedule_red is null;
