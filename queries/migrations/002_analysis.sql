-- Schema version 2: the rules for the traffic light the figures give, and report_stories(), the one
-- filtered view of a report's stories that every analysis query reads.

create table if not exists status_rules (
    id integer primary key default 1 check (id = 1),
    -- forecast above budget by more than this share: amber / red
    overrun_amber double not null default 0.05,
    overrun_red double not null default 0.15,
    -- spent/committed above budget: red
    spent_over_budget_red boolean not null default true,
    -- forecast moved from the first baseline by more than this share: amber / red
    drift_amber double not null default 0.10,
    drift_red double not null default 0.25,
    updated_at timestamp,
    updated_by varchar
);

insert into status_rules (id) values (1) on conflict do nothing;

-- The stories of one report with the measures every page shows, filtered.
-- A NULL filter means 'all'; list filters hold the values to keep ('' = stories without one);
-- p_search matches code or title, case-insensitive, as plain text (no wildcards).
create or replace macro report_stories(
    p_report_id, p_lines, p_tracks, p_owners, p_statuses, p_necessities, p_search
) as table
with report as (
    select report_id, programme_id, report_date from reports where report_id = p_report_id
),

first_budgets as (
    -- the first budget each story was reported with, over this programme's reports up to this one
    select s.code, arg_min(s.budget, r.report_date) as first_budget
    from stories as s
    join reports as r on r.report_id = s.report_id
    join report as x on r.programme_id = x.programme_id
    where r.is_current
      and r.report_date <= x.report_date
      and s.budget is not null
    group by s.code
),

measured as (
    select
        s.*,
        coalesce(s.baseline, f.first_budget)::double as baseline_used,
        (s.forecast - coalesce(s.baseline, f.first_budget))::double as drift,
        case
            when s.budget > 0 then ((s.forecast - s.budget) / s.budget)::double
            when s.budget = 0 and s.forecast > 0 then 'infinity'::double
        end as overrun,
        case
            when coalesce(s.baseline, f.first_budget) > 0
                then ((s.forecast - coalesce(s.baseline, f.first_budget)) / coalesce(s.baseline, f.first_budget))::double
        end as drift_share
    from stories as s
    left join first_budgets as f on f.code = s.code
    where s.report_id = p_report_id
),

judged as (
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
)

select * from judged
where (p_lines is null or list_contains(p_lines, coalesce(programme_line, '')))
  and (p_tracks is null or list_contains(p_tracks, coalesce(track, '')))
  and (p_owners is null or list_contains(p_owners, coalesce(owner, '')))
  and (p_statuses is null or list_contains(p_statuses, status))
  and (p_necessities is null or list_contains(p_necessities, coalesce(necessity, '')))
  and (p_search is null or contains(lower(code || ' ' || coalesce(title, '')), lower(p_search)));
