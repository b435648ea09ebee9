-- The stories of one report after the user's filters (keep_story): what every question about a
-- report reads from.
create or replace macro report_stories(
    p_report_id, p_lines, p_tracks, p_owners, p_statuses, p_necessities, p_search
) as table
select *
from stories
where report_id = p_report_id
  and keep_story(programme_line, track, owner, status, necessity, search_text,
                 p_lines, p_tracks, p_owners, p_statuses, p_necessities, p_search);
