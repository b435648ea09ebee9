-- A story's first baseline and its last approved one, side by side: the budget and end date of the first
-- current report of its programme that names it (a baseline column where the export has one, else the
-- budget; the planned end, else the latest approved), and of the current report dated $until, the report
-- shown (its budget; the latest approved end, else the planned), with that report's forecast and forecast end.
with named as (
    select
        r.report_date,
        s.budget::double as budget,
        coalesce(s.baseline, s.budget)::double as baseline_budget,
        coalesce(s.planned_end, s.approved_end) as first_end_text,
        coalesce(s.approved_end, s.planned_end) as end_text,
        s.forecast::double as forecast,
        s.forecast_end,
        row_number() over (order by r.report_date) as first_rank,
        row_number() over (order by r.report_date desc) as last_rank
    from stories as s
    join reports as r on r.report_id = s.report_id
    where r.programme_id = $programme_id
      and r.is_current
      and s.code = $code
      and r.report_date <= $until
)

select
    f.report_date as first_date,
    f.baseline_budget as first_budget,
    f.first_end_text as first_end,
    l.report_date as last_date,
    l.budget as last_budget,
    l.end_text as last_end,
    l.forecast,
    l.forecast_end
from named as f, named as l
where f.first_rank = 1 and l.last_rank = 1
