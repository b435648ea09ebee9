-- Moving a store (portfolio/move.py): the source's id counters ('programme_id', 'report_id', ...), not
-- its count of writes.
select name, value
from src.main.counters
where name <> 'writes'
order by name
