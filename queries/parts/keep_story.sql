-- The user's filters on a story (portfolio/filters.py), one definition for every query that reads
-- stories: a NULL filter keeps all; a list keeps the values in it ('' = stories without one);
-- $search matches code or title (search_text, lower-cased when written), as plain text.
-- A query takes it in with a line '-- include: keep_story' (portfolio.db.sql) in a boolean place.
($lines is null or list_contains($lines, coalesce(programme_line, '')))
and ($tracks is null or list_contains($tracks, coalesce(track, '')))
and ($owners is null or list_contains($owners, coalesce(owner, '')))
and ($statuses is null or list_contains($statuses, status))
and ($necessities is null or list_contains($necessities, coalesce(necessity, '')))
and ($search is null or contains(search_text, lower($search)))
