-- The text the story search looks in: code and title, lower-cased (written on each story row by
-- queries/insert_stories.sql).
create or replace macro story_search_text(code, title) as lower(code || ' ' || coalesce(title, ''));
