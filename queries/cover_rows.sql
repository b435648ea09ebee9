-- The cover memo fields of a programme (migration 022): the latest save per field.
select field, value, written_at, written_by
from programme_cover
where programme_id = $programme_id
qualify row_number() over (partition by field order by written_at desc) = 1
order by field
