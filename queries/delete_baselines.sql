-- Forgets the first budgets of a programme's stories, before they are recorded again from the reports left.
delete from story_baselines
where programme_id = (select programme_id from programmes where name = $programme)
