-- Upkeep of a DuckLake (portfolio/upkeep.py): data files no snapshot uses any more (merged away, or of
-- expired snapshots), scheduled for deletion before $older_than, are deleted. With $dry_run: listed.
select path
from ducklake_cleanup_old_files(current_database(), dry_run => $dry_run, older_than => $older_than)
