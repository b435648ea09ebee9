-- One save of one narrative text of a report version (migration 021); an empty body clears it.
insert into narratives (report_id, scope, subject, field, body, carried_from, written_at, written_by)
values ($report_id, $scope, $subject, $field, $body, $carried_from, $written_at, $written_by)
