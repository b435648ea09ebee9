-- Registers a programme by name with the programme id just taken (take_ids.sql, name
-- 'programme_id', count 1, in the same transaction); does nothing when the name is already known.
insert into programmes (programme_id, name)
select c.value, $name
from counters as c
where c.name = 'programme_id'
  and not exists (select 1 from programmes where name = $name)
