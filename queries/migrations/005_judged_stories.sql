-- Schema version 5: the measures behind 'by the figures' are kept on each story row.
-- Planning report_stories() with these computed on the fly took DuckDB 10-40 ms per question, several
-- times the work itself (bench/bench_overview.py). They are now written by queries/refresh_judgement.sql
-- whenever a programme's reports or the rules change (ingest commit, restore, delete, rules), and
-- report_stories() is a plain filtered read.
alter table stories add column if not exists baseline_used double;
alter table stories add column if not exists drift double;
alter table stories add column if not exists drift_share double;
alter table stories add column if not exists overrun double;
alter table stories add column if not exists figures_status varchar default 'unknown';

update stories as s
set baseline_used = j.baseline_used,
    drift = j.drift,
    drift_share = j.drift_share,
    overrun = j.overrun,
    figures_status = j.figures_status
from (
    with measured as (
        select
            s.report_id,
            s.code,
            s.budget,
            s.spent,
            s.forecast,
            coalesce(s.baseline, b.first_budget)::double as baseline_used,
            (s.forecast - coalesce(s.baseline, b.first_budget))::double as drift,
            case
                when s.budget > 0 then ((s.forecast - s.budget) / s.budget)::double
                when s.budget = 0 and s.forecast > 0 then 'infinity'::double
            end as overrun,
            case
                when coalesce(s.baseline, b.first_budget) > 0
                    then ((s.forecast - coalesce(s.baseline, b.first_budget))
                        / coalesce(s.baseline, b.first_budget))::double
            end as drift_share
        from stories as s
        join reports as r on r.report_id = s.report_id
        left join story_baselines as b on b.programme_id = r.programme_id and b.code = s.code
    )

    select
        m.*,
        case
            when m.budget is null or (m.forecast is null and m.spent is null) then 'unknown'
            when m.overrun > rules.overrun_red
                or (rules.spent_over_budget_red and m.spent > m.budget)
                or m.drift_share > rules.drift_red then 'red'
            when m.overrun > rules.overrun_amber or m.drift_share > rules.drift_amber then 'amber'
            else 'green'
        end as figures_status
    from measured as m, status_rules as rules
    where rules.id = 1
) as j
where s.report_id = j.report_id
  and s.code = j.code;

create or replace macro report_stories(
    p_report_id, p_lines, p_tracks, p_owners, p_statuses, p_necessities, p_search
) as table
select *
from stories
where report_id = p_report_id
  and keep_story(programme_line, track, owner, status, necessity, code, title,
                 p_lines, p_tracks, p_owners, p_statuses, p_necessities, p_search);
