-- Removes every version of the programme and report date that one report belongs to.
-- Their stories are removed first, in the same transaction (delete_stories.sql).
delete from reports
where report_id in (
    select r.report_id
    from reports as r
    join reports as target on target.programme_id = r.programme_id and target.report_date = r.report_date
    where target.report_id = $report_id
)
