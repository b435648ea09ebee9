-- Upkeep of a DuckLake (portfolio/upkeep.py): the snapshots older than $older_than are forgotten (the
-- current one never), so the files only they used can be deleted. With $dry_run nothing changes.
select snapshot_id
from ducklake_expire_snapshots(current_database(), dry_run => $dry_run, older_than => $older_than)
