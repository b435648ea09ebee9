-- The CTE `of_record`: per programme and report date the newest version whose latest step approved it
-- (portfolio/approval.py) -- the reports everybody sees who does not choose to see drafts.
of_record as (
    select r.report_id
    from reports as r
    join (
        select report_id, arg_max(state, stepped_at) as state
        from report_steps
        group by report_id
    ) as stepped using (report_id)
    where stepped.state = 'approved'
    qualify row_number() over (partition by r.programme_id, r.report_date order by r.version desc) = 1
)
