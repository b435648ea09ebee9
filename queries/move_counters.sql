-- Moving a store (portfolio/move.py): the target's id counter $name becomes the source's $value, or,
-- when the source is added beside the target's data ($add), the target's value plus the source's
-- (every id of the source was moved past the target's). queries/move_counter_made.sql makes it first.
update tgt.main.counters
set value = case when $add then value + $value else $value end
where name = $name
