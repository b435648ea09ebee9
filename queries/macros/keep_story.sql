-- The one definition of the user's filters (portfolio.filters.Filters.params(); NULL keeps everything):
-- a story is kept when its line, track, owner, light and necessity are among those chosen and its
-- search text holds the search.
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
