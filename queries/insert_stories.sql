-- Writes the stories staged for one or more reports (an Arrow table registered as staged_stories,
-- with the report_id of each story), with the keys derived from them (migration 006): search_text, code
-- and title lower-cased; period_from/period_to, the first and last year (19xx, 20xx) the period names;
-- and the story's ambition where the export has one (migration 008); its dates as written and as their
-- first and last day (migration 014); its approach, intended result, next step, risk and measure (migration 021);
-- the reason the export gives for a rebaseline (migration 018); the duration column as written (migration 023).
-- With $judge, each story with the light by the figures and its measures (queries/parts/judged_stories.sql),
-- worked out from the staged stories in the same statement: only for a load whose programmes ($programmes) have
-- no report but the load's own (their reports already written, their stories not yet), so that the staged
-- stories are every story the judgement reads, and their first budgets (as refresh_baselines.sql records them)
-- are worked out here. Amounts and dates cast as the stories table holds them, so that the figures are those
-- judge_stories.sql gives after the write (tests/test_judge_staged.py). Without $judge the measures stay empty
-- (figures_status 'unknown') and db.refresh_judgement writes them after. Judging into a table first and
-- joining it here took 0.5-0.7 s more of a 200,000-row history's load; updating every written row, 0.8 s more.
insert into stories (
    report_id, code, title, programme_line, track, owner, parent_code, period,
    budget, spent, realised, committed, forecast, baseline,
    status, status_label, status_note, ambition, necessity, in_totals, source_row, sort_order,
    search_text, period_from, period_to,
    start_date, start_date_first, start_date_last, planned_end, planned_end_first, planned_end_last,
    approved_end, approved_end_first, approved_end_last, forecast_end, forecast_end_first, forecast_end_last,
    approach, intended_result, next_step, risk, risk_measure, rebaseline_reason, duration,
    baseline_used, drift, drift_share, overrun, slip_days_min, slip_days_max, slip_share_min, slip_share_max,
    figures_status, figures_cause, end_move_days_min, end_move_days_max, end_move_share_min, end_move_share_max,
    watermelon_cause, unchanged_reports, stuck, reported_done, end_passed
)
with story_rows as (
    select
        report_id,
        code,
        budget::decimal(18, 2) as budget,
        spent::decimal(18, 2) as spent,
        forecast::decimal(18, 2) as forecast,
        baseline::decimal(18, 2) as baseline,
        status,
        status_label::varchar as status_label,
        status_note::varchar as status_note,
        start_date::varchar as start_date,
        start_date_first::date as start_date_first,
        start_date_last::date as start_date_last,
        planned_end::varchar as planned_end,
        planned_end_first::date as planned_end_first,
        planned_end_last::date as planned_end_last,
        approved_end::varchar as approved_end,
        approved_end_first::date as approved_end_first,
        approved_end_last::date as approved_end_last,
        forecast_end::varchar as forecast_end,
        forecast_end_first::date as forecast_end_first,
        forecast_end_last::date as forecast_end_last
    from staged_stories
    where $judge
),

baseline_rows as (
    select r.programme_id, s.code, arg_min(s.budget, r.report_date) as first_budget
    from story_rows as s
    join reports as r on r.report_id = s.report_id
    where r.is_current
      and s.budget is not null
    group by r.programme_id, s.code
),
-- include: judged_stories
select
    report_id, code, title, programme_line, track, owner, parent_code, period,
    budget, spent, realised, committed, forecast, baseline,
    status, status_label, status_note, ambition, necessity, in_totals, source_row, sort_order,
    lower(code || ' ' || coalesce(title, '')),
    list_min(list_transform(regexp_extract_all(period, '\b(?:19|20)[0-9]{2}\b'), lambda y: y::integer)),
    list_max(list_transform(regexp_extract_all(period, '\b(?:19|20)[0-9]{2}\b'), lambda y: y::integer)),
    start_date, start_date_first, start_date_last, planned_end, planned_end_first, planned_end_last,
    approved_end, approved_end_first, approved_end_last, forecast_end, forecast_end_first, forecast_end_last,
    approach, intended_result, next_step, risk, risk_measure, rebaseline_reason, duration,
    j.baseline_used, j.drift, j.drift_share, j.overrun, j.slip_days_min, j.slip_days_max, j.slip_share_min,
    j.slip_share_max, coalesce(j.figures_status, 'unknown'), j.figures_cause, j.end_move_days_min,
    j.end_move_days_max, j.end_move_share_min, j.end_move_share_max, j.watermelon_cause, j.unchanged_reports,
    j.stuck, j.reported_done, j.end_passed
from staged_stories
left join (
    select
        report_id, code, baseline_used, drift, drift_share, overrun, slip_days_min, slip_days_max, slip_share_min,
        slip_share_max, figures_status, figures_cause, end_move_days_min, end_move_days_max, end_move_share_min,
        end_move_share_max, watermelon_cause, unchanged_reports, stuck, reported_done, end_passed
    from judged
) as j using (report_id, code)
