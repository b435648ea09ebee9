-- One story across every current report of its programme: figures, the reported light beside the light
-- the figures give, the note, the end dates and the slip, per report date. With $approved_only across
-- the reports of record only (who does not choose drafts sees no draft's figures here either).
with
-- include: reports_of_record

select
    r.report_id,
    r.report_date,
    s.budget::double as budget,
    s.spent::double as spent,
    s.forecast::double as forecast,
    s.status,
    s.status_label,
    s.figures_status,
    s.status_note,
    s.planned_end,
    s.approved_end,
    s.forecast_end,
    s.slip_days_min,
    s.slip_days_max,
    s.slip_share_min,
    s.slip_share_max,
    s.end_move_days_min,
    s.end_move_days_max,
    s.unchanged_reports,
    coalesce(s.stuck, false) as stuck,
    coalesce(s.end_passed, false) as end_passed
from stories as s
join reports as r on r.report_id = s.report_id
where r.programme_id = $programme_id
  and case when $approved_only then r.report_id in (select report_id from of_record) else r.is_current end
  and s.code = $code
order by r.report_date
