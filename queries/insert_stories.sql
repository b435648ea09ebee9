-- Writes the stories staged for one or more reports (an Arrow table registered as staged_stories,
-- with the report_id of each story).
insert into stories (
    report_id, code, title, programme_line, track, owner, parent_code, period,
    budget, spent, realised, committed, forecast, baseline,
    status, status_label, status_note, necessity, in_totals, source_row, sort_order
)
select
    report_id, code, title, programme_line, track, owner, parent_code, period,
    budget, spent, realised, committed, forecast, baseline,
    status, status_label, status_note, necessity, in_totals, source_row, sort_order
from staged_stories
