-- Sets the rhythm a programme is expected to report in, every $months months (NULL: not set; the
-- portfolio page then takes its usual interval, else quarterly). Migration 017.
update programmes
set report_every_months = $months
where name = $programme
