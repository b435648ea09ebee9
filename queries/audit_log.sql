-- The most recent changes to the data: who did what, when, to which report.
select
    a.logged_at,
    a.actor,
    a.action,
    a.report_id,
    a.detail
from audit_log as a
order by a.logged_at desc
limit $limit
