-- Writes, on every story of the programmes named in $programmes (a list; NULL = all programmes), the measures behind the
-- light the figures give: the baseline used (a baseline column, else the first budget), drift, the
-- overrun share and the light itself under the current rules. Run after refresh_baselines.sql in the
-- same transaction as every write, restore or delete, and after the rules change.
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
        join programmes as p on p.programme_id = r.programme_id
        left join story_baselines as b on b.programme_id = r.programme_id and b.code = s.code
        where $programmes is null or list_contains($programmes, p.name)
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
  and s.code = j.code
