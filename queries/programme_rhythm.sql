-- The rhythm a programme is expected to report in, in months (NULL: not set), for the Rules page.
select report_every_months
from programmes
where name = $programme
