-- Upkeep of a DuckLake (portfolio/upkeep.py): how many snapshots the catalog keeps.
select count(*) as snapshots
from ducklake_snapshots(current_database())
