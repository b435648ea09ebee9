-- Which reports the database holds (only the current ones unless $include_versions), where each came
-- from, and its budget, spent and forecast over the top-level stories that count in the totals.
with counted as (
    select
        report_id,
        sum(budget)::double as budget,
        sum(spent)::double as spent,
        sum(forecast)::double as forecast
    from stories
    where parent_code is null
      and in_totals
    group by report_id
),

final as (
    select
        r.report_id,
        p.name as programme,
        r.report_date,
        r.version,
        r.is_current,
        r.source_file,
        r.sheet,
        r.checksum,
        r.loaded_at,
        r.loaded_by,
        r.currency,
        r.row_count,
        c.budget,
        c.spent,
        c.forecast
    from reports as r
    join programmes as p using (programme_id)
    left join counted as c using (report_id)
    where r.is_current or $include_versions
)

select * from final
order by programme, report_date desc, version desc
