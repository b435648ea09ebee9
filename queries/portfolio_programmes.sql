-- The portfolio page: every programme at its latest current report, all programmes in one question.
-- Per programme: the latest report and the one before it, how many current reports it has and the
-- median number of days between them (its usual interval), the rhythm it is expected to report in where
-- one is set (migration 017), the latest report's money and lights
-- (top-level stories that count in the totals, as rollup.sql sums them: missing amounts stay missing,
-- each sum comes with the ratios' partial sums), and what got worse since the report before it:
-- stories (matched by code, as compare_reports.sql matches them) whose reported light or light by the
-- figures went to a worse one (green -> amber -> red; to or from unknown is no move), and the total
-- forecast then and now. Amounts are in each report's own currency; nothing here adds currencies up.
-- With $approved_only the reports are the reports of record: per programme and date the newest approved
-- version (approved_reports.sql), for those who do not choose to see drafts.
with
-- include: reports_of_record
,

ranked as (
    select
        r.programme_id,
        r.report_id,
        r.report_date,
        r.currency,
        r.source_file,
        row_number() over (partition by r.programme_id order by r.report_date desc) as recency,
        r.report_date - lag(r.report_date) over (partition by r.programme_id order by r.report_date) as gap_days
    from reports as r
    where case when $approved_only then r.report_id in (select report_id from of_record) else r.is_current end
),

usual as (
    select
        programme_id,
        count(*) as n_reports,
        median(gap_days)::double as usual_interval_days
    from ranked
    group by programme_id
),

counted as (  -- the stories that make up a report's totals, of the latest two reports per programme
    select s.*
    from stories as s
    where s.report_id in (select report_id from ranked where recency <= 2)
      and s.parent_code is null
      and s.in_totals
),

money as (
    select
        report_id,
        count(*) as n_stories,
        sum(budget)::double as budget,
        sum(spent)::double as spent,
        sum(forecast)::double as forecast,
        count(budget) as n_budget,
        count(forecast) as n_forecast,
        sum(forecast - budget)::double as variance,
        (sum(budget) filter (where forecast is not null))::double as budget_with_forecast,
        (sum(spent) filter (where budget is not null))::double as spent_with_budget,
        (sum(budget) filter (where spent is not null))::double as budget_with_spent,
        count(*) filter (where status = 'red') as n_red,
        count(*) filter (where status = 'amber') as n_amber,
        count(*) filter (where status = 'green') as n_green,
        count(*) filter (where status = 'unknown') as n_unknown,
        (sum(budget) filter (where status = 'red'))::double as budget_red,
        (sum(budget) filter (where status = 'amber'))::double as budget_amber,
        (sum(budget) filter (where status = 'green'))::double as budget_green,
        count(*) filter (where figures_status = 'red') as n_figures_red,
        count(*) filter (where figures_status = 'amber') as n_figures_amber,
        count(*) filter (where figures_status = 'green') as n_figures_green,
        count(*) filter (where figures_status = 'unknown') as n_figures_unknown,
        (sum(budget) filter (where figures_status = 'red'))::double as budget_figures_red,
        (sum(budget) filter (where figures_status = 'amber'))::double as budget_figures_amber,
        (sum(budget) filter (where figures_status = 'green'))::double as budget_figures_green,
        count(*) filter (where watermelon_cause is not null) as n_watermelons,  -- figures or an end moved (017)
        count(*) filter (where stuck) as n_stuck,
        count(*) filter (where slip_days_min > 0) as n_late,
        count(*) filter (where end_passed) as n_end_passed
    from counted
    group by report_id
),

latest as (select * from ranked where recency = 1),

previous as (select * from ranked where recency = 2),

moves as (  -- every story of both reports, sub-items too, as the comparison between two reports counts them
    select
        l.programme_id,
        count(*) filter (
            where n.status <> 'unknown' and o.status <> 'unknown'
              and (case n.status when 'red' then 3 when 'amber' then 2 else 0 end)
                > (case o.status when 'red' then 3 when 'amber' then 2 else 0 end)
        ) as n_worse,
        count(*) filter (
            where n.figures_status <> 'unknown' and o.figures_status <> 'unknown'
              and (case n.figures_status when 'red' then 3 when 'amber' then 2 else 0 end)
                > (case o.figures_status when 'red' then 3 when 'amber' then 2 else 0 end)
        ) as n_figures_worse
    from latest as l
    join previous as p on p.programme_id = l.programme_id
    join stories as n on n.report_id = l.report_id
    join stories as o on o.report_id = p.report_id and o.code = n.code
    group by l.programme_id
)

select
    l.programme_id,
    pr.name as programme,
    l.report_id,
    l.report_date,
    l.currency,
    l.source_file,
    u.n_reports,
    u.usual_interval_days,
    pr.report_every_months,
    p.report_id as previous_report_id,
    p.report_date as previous_report_date,
    coalesce(m.n_stories, 0) as n_stories,
    m.* exclude (report_id, n_stories),
    pm.forecast as previous_forecast,
    mv.n_worse,
    mv.n_figures_worse
from latest as l
join programmes as pr on pr.programme_id = l.programme_id
join usual as u on u.programme_id = l.programme_id
left join money as m on m.report_id = l.report_id
left join previous as p on p.programme_id = l.programme_id
left join money as pm on pm.report_id = p.report_id
left join moves as mv on mv.programme_id = l.programme_id
order by pr.name
