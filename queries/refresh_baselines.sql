-- Records, per story of the programmes named in $programmes (a list), the first budget it was reported
-- with (over its current reports).
-- Run in the same transaction as every write, restore or delete of one of the programme's reports,
-- right after delete_baselines.sql.
insert into story_baselines
select r.programme_id, s.code, arg_min(s.budget, r.report_date), min(r.report_date)
from stories as s
join reports as r on r.report_id = s.report_id
join programmes as p on p.programme_id = r.programme_id
where list_contains($programmes, p.name)
  and r.is_current
  and s.budget is not null
group by r.programme_id, s.code
