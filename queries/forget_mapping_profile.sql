-- Saving a mapping profile again under its name: the earlier one goes, in the same transaction as
-- insert_mapping_profile.sql (portfolio/profiles.py save).
delete from mapping_profiles
where name = $name
