-- Writes the stories staged for one report (a DataFrame registered as staged_stories).
insert into stories (
    report_id, code, title, programme_line, track, owner, parent_code, period,
    budget, spent, realised, committed, forecast, baseline,
    status, status_label, status_note, necessity, in_totals, source_row, sort_order
)
select
    $report_id, code, title, programme_line, track, owner, parent_code, period,
    budget, spent, realised, committed, forecast, baseline,
    status, status_label, status_note, necessity, in_totals, source_row, sort_order
from staged_stories
