-- Every version of the programme and report date that one report belongs to, oldest first
-- (no rows when the report id is unknown).
with target as (
    select programme_id, report_date
    from reports
    where report_id = $report_id
),

final as (
    select
        r.report_id,
        p.name as programme,
        r.report_date,
        r.version,
        r.is_current,
        r.source_file,
        r.row_count
    from reports as r
    join target on target.programme_id = r.programme_id and target.report_date = r.report_date
    join programmes as p on p.programme_id = r.programme_id
)

select * from final
order by version
