-- The next $count report ids, in ascending order: what $count reports inserted one after another would get.
select nextval('report_id_seq') as report_id
from range($count)
order by report_id
