-- Keeps the export's own totals that disagree with its stories, each with the report it lies in: the
-- n-th of $report_ids, $rows, $measures, $columns, $stated and $computed go together.
insert into total_disagreements (report_id, source_row, measure, column_name, stated, computed)
select
    unnest($report_ids),
    unnest($rows),
    unnest($measures),
    unnest($columns),
    unnest($stated)::decimal(18, 2),
    unnest($computed)::decimal(18, 2)
