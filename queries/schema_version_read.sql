-- The schema version recorded in a database, read without writing anything (for a read-only
-- connection, which cannot run the migrations that db.connect would).
select coalesce(max(version), 0) as version
from schema_version
