-- The measures behind the light the figures give, per story of the programmes named in $programmes
-- (a list; NULL = all programmes): the baseline used (a baseline column, else the first budget),
-- drift, the overrun share and the light itself under the current rules (report_id, code, measures).
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
