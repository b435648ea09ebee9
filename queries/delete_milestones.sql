-- Removes the milestones of every version of the programme and report date that one report belongs to
-- (before the reports themselves, delete_reports.sql, in the same transaction).
delete from story_milestones
where report_id in (
    select r.report_id
    from reports as r
    join reports as target on target.programme_id = r.programme_id and target.report_date = r.report_date
    where target.report_id = $report_id
)
