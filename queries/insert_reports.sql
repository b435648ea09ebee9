-- Adds the reports of one export, each the current version for its programme and date (the next version
-- after any earlier one; report_versions_of.sql reads the versions). $report_ids come from next_report_ids; the lists
-- $report_ids, $programmes, $report_dates and $row_counts go together: the n-th of each is one report.
with wanted as (
    select
        unnest($report_ids) as report_id,
        unnest($programmes) as programme,
        unnest($report_dates) as report_date,
        unnest($row_counts) as row_count
),
previous as (
    select programme_id, report_date, max(version) as version
    from reports
    group by programme_id, report_date
)
insert into reports (
    report_id, programme_id, report_date, version, is_current, title, source_file, sheet, checksum,
    loaded_at, loaded_by, currency, unit_applied, row_count
)
select
    w.report_id, p.programme_id, w.report_date, coalesce(v.version, 0) + 1, true, $title, $source_file, $sheet,
    $checksum, current_timestamp, $loaded_by, $currency, $unit_applied, w.row_count
from wanted as w
join programmes as p on p.name = w.programme
left join previous as v on v.programme_id = p.programme_id and v.report_date = w.report_date
order by w.report_id
