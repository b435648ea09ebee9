-- One row of a saved risk list of a report version (migration 021).
insert into risks (
    report_id, position, story_code, risk, owner, likelihood, impact, measure, carried_from, written_at, written_by
)
values (
    $report_id, $position, $story_code, $risk, $owner, $likelihood, $impact, $measure, $carried_from,
    $written_at, $written_by
)
