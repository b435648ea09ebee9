-- How many reports (all versions) the database holds; 0 means a fresh database.
select count(*) as n from reports
