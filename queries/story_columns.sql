-- The columns a story row has in this database: optional fields (such as 'ambition') exist only once
-- a migration has added them, and the progress report shows them only then.
select column_name
from duckdb_columns()
where database_name = current_database()
  and schema_name = 'main'
  and table_name = 'stories'
order by column_index
