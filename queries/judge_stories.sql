-- Works out the measures behind the light the figures give (queries/parts/judged_stories.sql) for the
-- stories of the programmes named in $programmes (a list; NULL = all) into a table of this connection,
-- which refresh_judgement.sql writes onto the stories. Two statements, not one UPDATE reading stories
-- while it changes them: DuckDB 1.4 took 47 s for that on the 200,000 rows a first load of a history
-- writes in its transaction, 0.1 s this way (portfolio.db.refresh_judgement runs the three steps).
create or replace temp table judged_stories as
with story_rows as (select * from stories),
baseline_rows as (select programme_id, code, first_budget from story_baselines),
-- include: judged_stories
select * from judged
