-- Moving a store beside the data of another (portfolio/move.py): the programmes both have, by name
-- written the same but for case and surrounding spaces.
select s.name
from src.main.programmes as s
join tgt.main.programmes as t on lower(trim(s.name)) = lower(trim(t.name))
order by s.name
