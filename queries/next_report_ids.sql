-- The $count report ids just taken (take_ids.sql, name 'report_id', in the same transaction), in
-- ascending order.
select c.value - $count + 1 + i.range as report_id
from counters as c, range($count) as i
where c.name = 'report_id'
order by report_id
