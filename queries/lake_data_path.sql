-- The data path a DuckLake records for its Parquet files (on the connection whose default database is the lake).
select value from ducklake_options(current_database()) where option_name = 'data_path'
