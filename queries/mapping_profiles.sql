-- The mapping profiles saved in the store (portfolio/profiles.py), by name; `profile` is their JSON.
select name, profile, saved_at, saved_by
from mapping_profiles
order by name
