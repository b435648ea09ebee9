-- The first failure for the subjects of the attempt that have no count yet.
insert into sign_in_failures (subject, failures, last_failure)
select wanted.subject, 1, $at
from (select unnest($subjects) as subject) as wanted
where not exists (select 1 from sign_in_failures as f where f.subject = wanted.subject)
