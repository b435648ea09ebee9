-- Writes the milestones of the stories just written (migration 023): the n-th of every list goes together.
insert into story_milestones (
    report_id, code, position, column_name, name, planned, planned_first, planned_last,
    actual, actual_first, actual_last, source_row
)
select
    unnest($report_ids),
    unnest($codes),
    unnest($positions),
    unnest($columns),
    unnest($names),
    unnest($planned),
    unnest($planned_first::date[]),
    unnest($planned_last::date[]),
    unnest($actual),
    unnest($actual_first::date[]),
    unnest($actual_last::date[]),
    unnest($rows)
