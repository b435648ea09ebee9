-- Schema version 5: the measures behind 'by the figures' are kept on each story row.
-- Planning report_stories() with these computed on the fly took DuckDB 10-40 ms per question, several
-- times the work itself (bench/bench_overview.py). They are now written by queries/refresh_judgement.sql
-- whenever a programme's reports or the rules change (ingest commit, restore, delete, rules), and
-- report_stories() is a plain filtered read.
-- The measures themselves are worked out by migration 015, the first from which every column the
-- current judge_stories.sql reads exists (it ran them here until the schedule was added).
alter table stories add column if not exists baseline_used double;
alter table stories add column if not exists drift double;
alter table stories add column if not exists drift_share double;
alter table stories add column if not exists overrun double;
alter table stories add column if not exists figures_status varchar default 'unknown';

create or replace macro report_stories(
    p_report_id, p_lines, p_tracks, p_owners, p_statuses, p_necessities, p_search
) as table
select *
from stories
where report_id = p_report_id
  and keep_story(programme_line, track, owner, status, necessity, code, title,
                 p_lines, p_tracks, p_owners, p_statuses, p_necessities, p_search);
