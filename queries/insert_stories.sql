-- Writes the stories staged for one or more reports (an Arrow table registered as staged_stories,
-- with the report_id of each story), with the keys derived from them (migration 006): search_text, code
-- and title lower-cased; period_from/period_to, the first and last year (19xx, 20xx) the period names;
-- and the story's ambition where the export has one (migration 008); its dates as written and as their
-- first and last day (migration 014); its approach, intended result, next step, risk and measure (migration 021);
-- the reason the export gives for a rebaseline (migration 018); the duration column as written (migration 023).
insert into stories (
    report_id, code, title, programme_line, track, owner, parent_code, period,
    budget, spent, realised, committed, forecast, baseline,
    status, status_label, status_note, ambition, necessity, in_totals, source_row, sort_order,
    search_text, period_from, period_to,
    start_date, start_date_first, start_date_last, planned_end, planned_end_first, planned_end_last,
    approved_end, approved_end_first, approved_end_last, forecast_end, forecast_end_first, forecast_end_last,
    approach, intended_result, next_step, risk, risk_measure, rebaseline_reason, duration
)
select
    report_id, code, title, programme_line, track, owner, parent_code, period,
    budget, spent, realised, committed, forecast, baseline,
    status, status_label, status_note, ambition, necessity, in_totals, source_row, sort_order,
    lower(code || ' ' || coalesce(title, '')),
    list_min(list_transform(regexp_extract_all(period, '\b(?:19|20)[0-9]{2}\b'), lambda y: y::integer)),
    list_max(list_transform(regexp_extract_all(period, '\b(?:19|20)[0-9]{2}\b'), lambda y: y::integer)),
    start_date, start_date_first, start_date_last, planned_end, planned_end_first, planned_end_last,
    approved_end, approved_end_first, approved_end_last, forecast_end, forecast_end_first, forecast_end_last,
    approach, intended_result, next_step, risk, risk_measure, rebaseline_reason, duration
from staged_stories
