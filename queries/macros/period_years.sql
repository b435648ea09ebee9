-- The years a story's period names: 'Jaarplan 2017' -> [2017], '2017-2020' -> [2017, 2020],
-- 'Plateau 3' -> [] (written on each story row as period_from/period_to by queries/insert_stories.sql).
create or replace macro period_years(period) as
    list_transform(regexp_extract_all(period, '\b(?:19|20)[0-9]{2}\b'), lambda y: y::integer);
