-- The names of the programmes that have a report (current or an earlier version): what a typed
-- programme name is matched against (portfolio/names.py).
select p.name
from programmes as p
where exists (select 1 from reports as r where r.programme_id = p.programme_id)
order by p.programme_id
