-- A mapping profile saved in the store (portfolio/profiles.py save), after forget_mapping_profile.sql.
insert into mapping_profiles (name, profile, saved_at, saved_by)
values ($name, $profile, current_timestamp, $saved_by)
