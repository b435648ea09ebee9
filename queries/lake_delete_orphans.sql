-- Upkeep of a DuckLake (portfolio/upkeep.py): files in the data path the catalog never recorded (a save
-- cut off before its commit: a server killed, a full disk) and older than $older_than (younger ones
-- may belong to a save in progress on another server) are deleted. With $dry_run: listed.
select path
from ducklake_delete_orphaned_files(current_database(), dry_run => $dry_run, older_than => $older_than)
