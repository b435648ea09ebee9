-- What the exports of the programme of $report_id said of each story's ambition (migration 008), approach,
-- intended result, next step, risk and measure (migration 021), in every version up to and including it (by report date, then
-- version), newest version first; only stories with at least one of them.
with
-- include: versions_up_to_report

select
    s.report_id,
    v.report_date,
    v.version,
    s.code,
    s.title,
    s.owner,
    s.sort_order,
    s.ambition,
    s.approach,
    s.intended_result,
    s.next_step,
    s.risk,
    s.risk_measure
from stories as s
join versions as v using (report_id)
where coalesce(s.ambition, s.approach, s.intended_result, s.next_step, s.risk, s.risk_measure) is not null
order by v.report_date desc, v.version desc, s.sort_order
