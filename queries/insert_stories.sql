-- Writes the stories staged for one or more reports (an Arrow table registered as staged_stories,
-- with the report_id of each story), with the keys derived from them (migration 006): search_text, code
-- and title lower-cased; period_from/period_to, the first and last year (19xx, 20xx) the period names;
-- and the story's ambition where the export has one (migration 008).
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
    lower(code || ' ' || coalesce(title, '')),
    list_min(list_transform(regexp_extract_all(period, '\b(?:19|20)[0-9]{2}\b'), lambda y: y::integer)),
    list_max(list_transform(regexp_extract_all(period, '\b(?:19|20)[0-9]{2}\b'), lambda y: y::integer))
from staged_stories
