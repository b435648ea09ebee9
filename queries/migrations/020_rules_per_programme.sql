-- Rules per programme (issue 24, item 2): one municipality's controller no longer recolours every
-- municipality's lights. The row with id 1 stays everybody's rules (the default); a programme with
-- rules of its own has a row with id 2 and its programme_id (made as a copy of the default when they are
-- first set, queries/make_programme_rules.sql), which the light by the figures then uses
-- (queries/parts/judged_stories.sql). Queries that read `where id = 1` keep reading the default.
alter table status_rules add column if not exists programme_id integer;
-- then: judge_stories
-- then: refresh_judgement
-- then: forget_judged_stories
