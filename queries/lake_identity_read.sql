-- The store's own id (migration 024).
select min(id) as id from lake_identity
