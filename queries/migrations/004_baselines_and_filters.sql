-- Schema version 4: faster analysis at 200,000 story rows.
-- 1. story_baselines keeps the first budget each story of a programme was reported with, refreshed by
--    queries/refresh_baselines.sql whenever a report is written, restored or deleted; report_stories()
--    joins it instead of scanning the programme's whole history on every question.
-- 2. keep_story() is the one definition of the user's filters, shared by report_stories() and the
--    questions that span several reports (trend.sql).
create table if not exists story_baselines (
    programme_id integer not null,
    code varchar not null,
    first_budget decimal(18, 2),
    first_report_date date,
    primary key (programme_id, code)
);

insert or replace into story_baselines
select r.programme_id, s.code, arg_min(s.budget, r.report_date), min(r.report_date)
from stories as s
join reports as r on r.report_id = s.report_id
where r.is_current
  and s.budget is not null
group by r.programme_id, s.code;

create or replace macro keep_story(
    programme_line, track, owner, status, necessity, code, title,
    p_lines, p_tracks, p_owners, p_statuses, p_necessities, p_search
) as
    (p_lines is null or list_contains(p_lines, coalesce(programme_line, '')))
    and (p_tracks is null or list_contains(p_tracks, coalesce(track, '')))
    and (p_owners is null or list_contains(p_owners, coalesce(owner, '')))
    and (p_statuses is null or list_contains(p_statuses, status))
    and (p_necessities is null or list_contains(p_necessities, coalesce(necessity, '')))
    and (p_search is null or contains(lower(code || ' ' || coalesce(title, '')), lower(p_search)));

-- report_stories() was re-defined here to join story_baselines; migration 005 replaced it before anything
-- read it and 011 dropped it (see 002), so a store that runs this script today never calls it.
