-- Drops the measures judge_stories.sql worked out, once refresh_judgement.sql has written them.
drop table if exists judged_stories
