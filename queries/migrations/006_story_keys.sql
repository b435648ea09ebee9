-- Schema version 6: keys the questions filter and group by are derived once, when a story row is
-- written (queries/insert_stories.sql), instead of on every question:
--   search_text               code and title, lower-cased, for the story search (lowering 200,000
--                             titles per question cost a search ~35 ms in the trend alone);
--   period_from, period_to    the years the story's period names ('Jaarplan 2017' -> 2017, 2017;
--                             '2017-2020' -> 2017, 2020; 'Plateau 3' -> NULL, NULL), which the
--                             quarterly view compares with the year of each report.
create or replace macro story_search_text(code, title) as lower(code || ' ' || coalesce(title, ''));

create or replace macro period_years(period) as
    list_transform(regexp_extract_all(period, '\b(?:19|20)[0-9]{2}\b'), lambda y: y::integer);

alter table stories add column if not exists search_text varchar;
alter table stories add column if not exists period_from integer;
alter table stories add column if not exists period_to integer;

update stories
set search_text = story_search_text(code, title),
    period_from = list_min(period_years(period)),
    period_to = list_max(period_years(period));

create or replace macro keep_story(
    programme_line, track, owner, status, necessity, search_text,
    p_lines, p_tracks, p_owners, p_statuses, p_necessities, p_search
) as
    (p_lines is null or list_contains(p_lines, coalesce(programme_line, '')))
    and (p_tracks is null or list_contains(p_tracks, coalesce(track, '')))
    and (p_owners is null or list_contains(p_owners, coalesce(owner, '')))
    and (p_statuses is null or list_contains(p_statuses, status))
    and (p_necessities is null or list_contains(p_necessities, coalesce(necessity, '')))
    and (p_search is null or contains(search_text, lower(p_search)));

create or replace macro report_stories(
    p_report_id, p_lines, p_tracks, p_owners, p_statuses, p_necessities, p_search
) as table
select *
from stories
where report_id = p_report_id
  and keep_story(programme_line, track, owner, status, necessity, search_text,
                 p_lines, p_tracks, p_owners, p_statuses, p_necessities, p_search);
