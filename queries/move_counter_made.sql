-- Moving a store (portfolio/move.py): the target's id counter $name, made at 0 when the target lacks
-- it (a counter a later migration of the source's code added); move_counters.sql then sets it.
insert into tgt.main.counters
select $name, 0
where not exists (select 1 from tgt.main.counters where name = $name)
