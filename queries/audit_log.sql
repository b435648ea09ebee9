-- The most recent changes to the data: who did what, when, to which report (its programme, date and
-- version while the report is still there; a deleted report's detail names its programme and date).
select
    a.logged_at,
    a.actor,
    a.action,
    a.report_id,
    p.name as programme,
    r.report_date,
    r.version,
    a.detail
from audit_log as a
left join reports as r on r.report_id = a.report_id
left join programmes as p on p.programme_id = r.programme_id
order by a.logged_at desc
limit $limit
