-- Forgets the first budgets of the stories of the programmes named in $programmes (a list),
-- before they are recorded again from the reports left.
delete from story_baselines
where programme_id in (select programme_id from programmes where list_contains($programmes, name))
