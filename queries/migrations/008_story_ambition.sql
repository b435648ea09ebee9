-- Schema version 8: a story may state its ambition (goal) as well as its status note: a column headed
-- 'Ambitie', 'Doel', 'Doelstelling', 'Description / Aims', 'Objective(s)' or 'Goal' is kept per story
-- (portfolio.mapping, queries/insert_stories.sql). Missing where the export has no such column.
-- The progress report shows it once this column exists (queries/story_columns.sql).
alter table stories add column if not exists ambition varchar;
