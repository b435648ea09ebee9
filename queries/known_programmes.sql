-- Which of the programme $names are already registered.
select name
from programmes
where list_contains($names, name)
