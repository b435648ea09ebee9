-- The programme named $programme gets rules of its own (id 2), a copy of everybody's, unless it has them;
-- update_status_rules.sql then changes them. Every column of the default row is copied by name.
insert into status_rules by name
select d.* replace (2 as id, p.programme_id as programme_id)
from status_rules as d, programmes as p
where d.id = 1
    and p.name = $programme
    and not exists (select 1 from status_rules as own where own.id = 2 and own.programme_id = p.programme_id)
