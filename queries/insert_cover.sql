-- One save of one cover memo field of a programme (migration 022); an empty value clears it.
insert into programme_cover (programme_id, field, value, written_at, written_by)
values ($programme_id, $field, $value, $written_at, $written_by)
