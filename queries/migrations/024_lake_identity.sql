-- Schema version 24: the store's own identity, a random id made once (portfolio/db.py). A lake writes it
-- into its data directory (.portfolio-lake) when it first uses the directory; a lake that finds another
-- lake's id there is refused, and `maintain` deletes no file in a directory that is not its own: it would
-- take another lake's files for orphans. Not copied by `move` (each store keeps its own).
-- Runs on a DuckDB file and on a DuckLake alike: no keys, no defaults.
create table if not exists lake_identity (id varchar not null);
insert into lake_identity select cast(uuid() as varchar) where not exists (select 1 from lake_identity);
