-- Moving a store (portfolio/move.py): every table of the target's main schema ('tgt') that the source
-- ('src') has too, with the columns both have, in the target's column order.
select t.table_name, t.column_name, t.data_type
from duckdb_columns() as t
join duckdb_columns() as s
    on s.database_name = 'src' and s.schema_name = 'main'
    and s.table_name = t.table_name and s.column_name = t.column_name
where t.database_name = 'tgt' and t.schema_name = 'main'
order by t.table_name, t.column_index
