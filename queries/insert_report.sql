-- Adds a report as the current version for its programme and date; answers its id and version.
with target as (
    select programme_id from programmes where name = $programme
),
next_version as (
    select coalesce(max(r.version), 0) + 1 as version
    from reports as r, target
    where r.programme_id = target.programme_id and r.report_date = $report_date
)
insert into reports (
    programme_id, report_date, version, is_current, title, source_file, sheet, checksum,
    loaded_by, currency, unit_applied, row_count
)
select
    target.programme_id, $report_date, next_version.version, true, $title, $source_file, $sheet, $checksum,
    $loaded_by, $currency, $unit_applied, $row_count
from target, next_version
returning report_id, version
