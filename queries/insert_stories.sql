-- Writes the stories staged for one or more reports (an Arrow table registered as staged_stories,
-- with the report_id of each story), with the keys derived from them (migration 006) and the story's
-- ambition where the export has one (migration 008).
insert into stories (
    report_id, code, title, programme_line, track, owner, parent_code, period,
    budget, spent, realised, committed, forecast, baseline,
    status, status_label, status_note, ambition, necessity, in_totals, source_row, sort_order,
    search_text, period_from, period_to
)
select
    report_id, code, title, programme_line, track, owner, parent_code, period,
    budget, spent, realised, committed, forecast, baseline,
    status, status_label, status_note, ambition, necessity, in_totals, source_row, sort_order,
    story_search_text(code, title), list_min(period_years(period)), list_max(period_years(period))
from staged_stories
