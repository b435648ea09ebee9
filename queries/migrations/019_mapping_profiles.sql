-- Mapping profiles in the store (issue 24, item 2): a profile saved on one app server is there for
-- every server (they were files in data/profiles on each, and a read-only repository could not save
-- one). One row per profile name, the latest saved (the writing query deletes the older row in the
-- same transaction); `profile` is its JSON: {"name", "mapping": {field: column}, "options": {...}}.
create table if not exists mapping_profiles (
    name varchar not null,
    profile varchar not null,
    saved_at timestamp not null,
    saved_by varchar
);
