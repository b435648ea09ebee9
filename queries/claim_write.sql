-- The first statement of every writing transaction (portfolio.db.write): two transactions that both
-- write, in one process or on two servers, change this one row, so one of them fails on a conflict
-- and is tried again after the other committed; writes never interleave.
update counters set value = value + 1 where name = 'writes'
