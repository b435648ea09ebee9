-- The measures behind the light the figures give, per story of the programmes named in $programmes
-- (a list; NULL = all programmes): the baseline used (a baseline column, else the first budget),
-- drift, the overrun share; the slip (forecast end, else latest approved end, against the planned end)
-- in days and as a share of the planned duration, as the least and the most it can be where a date is
-- a period; and the light itself under the current rules, with what made it amber or red (cost,
-- schedule or both). A part that cannot be judged (no amounts; no planned end or no start) does not
-- count; the light is unknown only when neither can be judged.
-- Against the programme's previous current report (stories of current reports only, matched by code):
-- how far the end date moved (the end each report expects: forecast, else latest approved, else
-- planned), whether a story reported green is a watermelon and why (its figures, or its end moved later
-- by more than the schedule's amber margin), in how many reports in a row its note, spent and dates
-- stayed the same (stuck from status_rules.stuck_reports on), and whether its end lay before the report
-- date while it was not reported done (migration 017).
-- The query that includes this part names its sources in two CTEs before it: story_rows (the stories, with
-- their report_id) and baseline_rows (the first budget of each story, per programme_id and code), and reads
-- the CTE judged that ends it: judge_stories.sql from the stored stories and story_baselines;
-- insert_stories.sql from the stories a load is about to write, where its programmes have no other report.
sequenced as (  -- the current reports of the programmes, numbered oldest first
    select
        r.report_id,
        r.programme_id,
        r.report_date,
        row_number() over (partition by r.programme_id order by r.report_date) as seq
    from reports as r
    join programmes as p on p.programme_id = r.programme_id
    where r.is_current
      and ($programmes is null or list_contains($programmes, p.name))
),

laid as (  -- each story beside its figures in the previous current report (NULL where it was not in it)
    select
        s.report_id,
        s.code,
        q.programme_id,
        q.seq,
        lag(q.seq) over w = q.seq - 1 as in_previous,
        -- note, spent and dates as one value (a hash): the same as in the previous report or not
        hash(coalesce(s.status_note, ''), s.spent, s.start_date, s.planned_end, s.approved_end, s.forecast_end)
            = lag(hash(coalesce(s.status_note, ''), s.spent, s.start_date, s.planned_end, s.approved_end,
                s.forecast_end)) over w as same_as_previous,
        -- the end the previous report expected (forecast, else latest approved, else planned)
        lag(coalesce(s.forecast_end_first, s.approved_end_first, s.planned_end_first)) over w as p_end_first,
        lag(coalesce(s.forecast_end_last, s.approved_end_last, s.planned_end_last)) over w as p_end_last
    from story_rows as s
    join sequenced as q on q.report_id = s.report_id
    window w as (partition by q.programme_id, s.code order by q.seq)
),

history as (  -- in how many reports in a row the story stayed the same: since the last report it changed in
    select
        *,
        seq + 1 - max(case when in_previous and same_as_previous then null else seq end) over (
            partition by programme_id, code order by seq rows unbounded preceding
        ) as unchanged_reports
    from laid
),

measured as (
    select
        s.report_id,
        s.code,
        r.programme_id,
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
        (s.planned_end_last - s.start_date_first)::double as duration_max,
        s.status,
        -- the end each report expects (forecast, else latest approved, else planned): a latest approved end
        -- that appears later than the planned one is a move too
        case when h.in_previous then (
            coalesce(s.forecast_end_first, s.approved_end_first, s.planned_end_first) - h.p_end_last
        )::integer end as end_move_days_min,
        case when h.in_previous then (
            coalesce(s.forecast_end_last, s.approved_end_last, s.planned_end_last) - h.p_end_first
        )::integer end as end_move_days_max,
        (coalesce(s.planned_end_first, h.p_end_first) - s.start_date_last)::double as move_base_min,
        (coalesce(s.planned_end_last, h.p_end_last) - s.start_date_first)::double as move_base_max,
        h.unchanged_reports::integer as unchanged_reports,
        -- done where the light's label or the note starts with a word for it; only asked where the end passed
        case when coalesce(s.forecast_end_last, s.approved_end_last, s.planned_end_last) < r.report_date then
            -- the first word (after any of ' -*(' in front, up to a space, any of '.,:;!)' after it dropped),
            -- lower-cased, is a word for done: one regular expression each, where trimming, splitting and a
            -- list look-up took 0.24 s of a 200,000-row history (tests/test_judge_staged.py holds the two equal)
            regexp_matches(
                lower(coalesce(s.status_label, '')),
                '^[ *(-]*(gereed|afgerond|opgeleverd|voltooid|klaar|afgesloten|blauw|blue|done|complete|completed'
                || '|closed|delivered|finished)[.,:;!)]*( |$)'
            )
            or regexp_matches(
                lower(coalesce(s.status_note, '')),
                '^[ *(-]*(gereed|afgerond|opgeleverd|voltooid|afgesloten|done|complete|completed|closed|delivered'
                || '|finished)[.,:;!)]*( |$)'
            )
        else false end as reported_done,
        coalesce(s.forecast_end_last, s.approved_end_last, s.planned_end_last) < r.report_date as end_before_report
    from story_rows as s
    join reports as r on r.report_id = s.report_id
    join programmes as p on p.programme_id = r.programme_id
    left join baseline_rows as b on b.programme_id = r.programme_id and b.code = s.code
    left join history as h on h.report_id = s.report_id and h.code = s.code
    where $programmes is null or list_contains($programmes, p.name)
),

shares as (
    -- slip / duration is monotone in each for a positive duration: its extremes lie at the corners
    select
        *,
        case when duration_min > 0 then least(slip_days_min / duration_min, slip_days_min / duration_max) end
            as slip_share_min,
        case when duration_min > 0 then greatest(slip_days_max / duration_min, slip_days_max / duration_max) end
            as slip_share_max,
        case when move_base_min > 0
            then least(end_move_days_min / move_base_min, end_move_days_min / move_base_max) end
            as end_move_share_min,
        case when move_base_min > 0
            then greatest(end_move_days_max / move_base_min, end_move_days_max / move_base_max) end
            as end_move_share_max
    from measured
),

programme_rules as (  -- per programme: its own rules (id 2, migration 020), else everybody's (id 1)
    select * from status_rules where id = 2
    union all by name
    select d.* replace (p.programme_id as programme_id)
    from status_rules as d, programmes as p
    where d.id = 1
        and p.programme_id not in (select programme_id from status_rules where id = 2 and programme_id is not null)
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
        end as schedule_status,
        -- an end moved later by more than the amber margin, at the least it can have moved
        coalesce(m.end_move_share_min > rules.schedule_amber, false) as end_moved,
        coalesce(m.unchanged_reports >= rules.stuck_reports, false) as stuck,
        coalesce(m.end_before_report and not m.reported_done, false) as end_passed
    from shares as m
    join programme_rules as rules on rules.programme_id = m.programme_id
),

final as (
    select
        * exclude (duration_min, duration_max, move_base_min, move_base_max, end_before_report, cost_status,
            schedule_status),
        case
            when 'red' in (cost_status, schedule_status) then 'red'
            when 'amber' in (cost_status, schedule_status) then 'amber'
            when 'green' in (cost_status, schedule_status) then 'green'
            else 'unknown'
        end as figures_status,
        cost_status,
        schedule_status
    from parts
),

judged as (  -- the measures of each story (report_id, code), as the queries that include this part read them
    select
        * exclude (cost_status, schedule_status, status, end_moved),
        case
            when figures_status not in ('red', 'amber') then null
            when cost_status = figures_status and schedule_status = figures_status then 'cost_schedule'
            when cost_status = figures_status then 'cost'
            else 'schedule'
        end as figures_cause,
        case
            when status <> 'green' then null
            when figures_status in ('red', 'amber') and end_moved then 'figures_end_moved'
            when figures_status in ('red', 'amber') then 'figures'
            when end_moved then 'end_moved'
        end as watermelon_cause
    from final
)
