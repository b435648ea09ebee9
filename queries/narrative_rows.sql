-- The narrative of every version of the programme of $report_id up to and including it (by report
-- date, then version): per (version, scope, subject, field) its latest save (migration 021), with the
-- version's date and number, newest version first. portfolio/narrative.py takes a version's own text
-- first and carries an earlier version's over where it has none.
with
-- include: versions_up_to_report

select
    n.report_id,
    v.report_date,
    v.version,
    n.scope,
    n.subject,
    n.field,
    n.body,
    n.carried_from,
    n.written_at,
    n.written_by
from narratives as n
join versions as v using (report_id)
qualify row_number() over (partition by n.report_id, n.scope, n.subject, n.field order by n.written_at desc) = 1
order by v.report_date desc, v.version desc, n.scope, n.subject, n.field
