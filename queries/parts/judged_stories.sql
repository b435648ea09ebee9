-- The measures behind the light the figures give, per story of the programmes named in $programmes
-- (a list; NULL = all programmes): the baseline used (a baseline column, else the first budget),
-- drift, the overrun share; the slip (forecast end, else latest approved end, against the planned end)
-- in days and as a share of the planned duration, as the least and the most it can be where a date is
-- a period; and the light itself under the current rules, with what made it amber or red (cost,
-- schedule or both). A part that cannot be judged (no amounts; no planned end or no start) does not
-- count; the light is unknown only when neither can be judged.
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
        end as drift_share,
        (coalesce(s.forecast_end_first, s.approved_end_first) - s.planned_end_last)::integer as slip_days_min,
        (coalesce(s.forecast_end_last, s.approved_end_last) - s.planned_end_first)::integer as slip_days_max,
        (s.planned_end_first - s.start_date_last)::double as duration_min,
        (s.planned_end_last - s.start_date_first)::double as duration_max
    from stories as s
    join reports as r on r.report_id = s.report_id
    join programmes as p on p.programme_id = r.programme_id
    left join story_baselines as b on b.programme_id = r.programme_id and b.code = s.code
    where $programmes is null or list_contains($programmes, p.name)
),

shares as (
    -- slip / duration is monotone in each for a positive duration: its extremes lie at the corners
    select
        *,
        case when duration_min > 0 then least(slip_days_min / duration_min, slip_days_min / duration_max) end
            as slip_share_min,
        case when duration_min > 0 then greatest(slip_days_max / duration_min, slip_days_max / duration_max) end
            as slip_share_max
    from measured
),

parts as (
    select
        m.*,
        case
            when m.budget is null or (m.forecast is null and m.spent is null) then 'unknown'
            when m.overrun > rules.overrun_red
                or (rules.spent_over_budget_red and m.spent > m.budget)
                or m.drift_share > rules.drift_red then 'red'
            when m.overrun > rules.overrun_amber or m.drift_share > rules.drift_amber then 'amber'
            else 'green'
        end as cost_status,
        -- the least the slip can be: a period is never counted as later than it must be
        case
            when m.slip_share_min is null then 'unknown'
            when m.slip_share_min > rules.schedule_red then 'red'
            when m.slip_share_min > rules.schedule_amber then 'amber'
            else 'green'
        end as schedule_status
    from shares as m, status_rules as rules
    where rules.id = 1
),

final as (
    select
        * exclude (duration_min, duration_max, cost_status, schedule_status),
        case
            when 'red' in (cost_status, schedule_status) then 'red'
            when 'amber' in (cost_status, schedule_status) then 'amber'
            when 'green' in (cost_status, schedule_status) then 'green'
            else 'unknown'
        end as figures_status,
        cost_status,
        schedule_status
    from parts
)

select
    * exclude (cost_status, schedule_status),
    case
        when figures_status not in ('red', 'amber') then null
        when cost_status = figures_status and schedule_status = figures_status then 'cost_schedule'
        when cost_status = figures_status then 'cost'
        else 'schedule'
    end as figures_cause
from final
