-- The programme named $programme goes back to everybody's rules: its own row (id 2) goes.
delete from status_rules
where id = 2 and programme_id = (select programme_id from programmes where name = $programme)
