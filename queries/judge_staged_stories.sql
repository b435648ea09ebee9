-- Works out the light by the figures (queries/parts/judged_stories.sql) for the stories a load is about to
-- write, read from the load's staged table (staged_stories: every story of the load with its report_id), into
-- the same table of this connection as judge_stories.sql; insert_stories.sql then writes each story with its
-- measures. Only for a load whose programmes ($programmes) have no report but the load's own (their
-- reports already written, their stories not yet): then the staged stories are every story the judgement
-- reads, and their first budgets (as refresh_baselines.sql records them) are worked out here. Reading the
-- stories once staged instead of once written and updating every written row took 0.8 s of a 200,000-row
-- history's load (bench/bench_history_load.py). Amounts and dates cast as the stories table holds them, so
-- that the figures are those judge_stories.sql gives after the write (tests/test_judge_staged.py).
create or replace temp table judged_stories as
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
