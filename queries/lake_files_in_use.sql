-- Upkeep of a DuckLake (portfolio/upkeep.py): the data files the current snapshot uses, and their bytes.
select coalesce(sum(file_count), 0) as files, coalesce(sum(file_size_bytes), 0) as bytes
from ducklake_table_info(current_database())
