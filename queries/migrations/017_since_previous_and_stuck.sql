-- Schema version 17: the schedule since the previous report, stuck and stale stories, the rhythm a
-- programme is expected to report in (issue 22). Per story of a current report (worked out in
-- queries/parts/judged_stories.sql with the other measures, written by refresh_judgement.sql):
-- - end_move_days_min/max: how far the end date moved since the programme's previous report (the end
--   each report expects: forecast, else latest approved, else planned), the least and the most where a date is
--   a period; end_move_share_min/max: as a share of the planned duration (start to planned end, else to
--   the previous report's end);
-- - watermelon_cause: why a story reported green is a watermelon: 'figures' (the figures give amber
--   or red), 'end_moved' (its end moved later by more than the schedule's amber margin), or
--   'figures_end_moved'; NULL when it is none;
-- - unchanged_reports: in how many reports in a row (this one included) its note, spent and dates
--   stayed the same; stuck: at least status_rules.stuck_reports of them;
-- - reported_done: where its end lay before the report date, whether its light's label or note starts with a
--   word for done ('gereed', 'afgerond', 'done', ...);
--   end_passed: its end date (forecast, else latest approved, else planned) lay wholly before the
--   report date while it was not reported done.
-- programmes.report_every_months: the rhythm a programme is expected to report in; NULL: its usual
-- interval where it has two reports or more, else every 3 months (portfolio/portfolio_view.py).
-- Runs on a DuckDB file and on a DuckLake alike: no defaults, the rules row is filled here.
-- (The judgement is worked out again by migration 020: the query of today reads
-- status_rules.programme_id, which 020 adds.)
alter table stories add column if not exists end_move_days_min integer;
alter table stories add column if not exists end_move_days_max integer;
alter table stories add column if not exists end_move_share_min double;
alter table stories add column if not exists end_move_share_max double;
alter table stories add column if not exists watermelon_cause varchar;
alter table stories add column if not exists unchanged_reports integer;
alter table stories add column if not exists stuck boolean;
alter table stories add column if not exists reported_done boolean;
alter table stories add column if not exists end_passed boolean;
alter table status_rules add column if not exists stuck_reports integer;
update status_rules set stuck_reports = 3 where stuck_reports is null;
alter table programmes add column if not exists report_every_months integer;
