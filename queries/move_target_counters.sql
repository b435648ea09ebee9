-- Moving a store (portfolio/move.py): the target's counters, the id counters ('programme_id',
-- 'report_id', ...) and the count of writes that every write claims (claim_write.sql).
select name, value
from tgt.main.counters
order by name
