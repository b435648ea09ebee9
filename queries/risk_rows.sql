-- The saved risk lists of every version of the programme of $report_id up to and including it (by
-- report date, then version): per version the rows of its latest save (migration 021), newest version
-- first. A list saved empty is one row without a risk.
with
-- include: versions_up_to_report
,
saved as (
    select k.*, max(k.written_at) over (partition by k.report_id) as last_save
    from risks as k
    join versions using (report_id)
)
select
    s.report_id,
    v.report_date,
    v.version,
    s.position,
    s.story_code,
    s.risk,
    s.owner,
    s.likelihood,
    s.impact,
    s.measure,
    s.carried_from,
    s.written_at,
    s.written_by
from saved as s
join versions as v using (report_id)
where s.written_at = s.last_save
order by v.report_date desc, v.version desc, s.position
