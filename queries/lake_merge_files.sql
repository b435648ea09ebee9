-- Upkeep of a DuckLake (portfolio/upkeep.py): compaction. Small Parquet files that every upload and
-- rule change leave beside each other are merged into larger ones (the old ones are then scheduled for
-- deletion, see lake_cleanup_old_files.sql). Answers one row per table it merged files of.
select *
from ducklake_merge_adjacent_files(current_database())
