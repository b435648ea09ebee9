-- Schema version 9: stories have no primary key.
-- The key (report_id, code) cost every load an index over all its story rows (about 0.15 s of a
-- 200,000-row history, bench/bench_history_load.py), and DuckLake (a store shared by several app
-- servers, issue 13) has no PRIMARY KEY or UNIQUE at all. A story's code is unique within its report
-- because the load checks it before anything is written (portfolio.ingest.records._without_duplicates:
-- the same code twice is refused, an identical repeated row dropped with a warning), and
-- queries/insert_stories.sql is the only statement that writes story rows; tests/test_queries.py
-- checks that no report holds a code twice.
create table stories_v9 (
    report_id integer not null,
    code varchar not null,
    title varchar,
    programme_line varchar,
    track varchar,
    owner varchar,
    parent_code varchar,
    period varchar,
    budget decimal(18, 2),
    spent decimal(18, 2),
    realised decimal(18, 2),
    committed decimal(18, 2),
    forecast decimal(18, 2),
    baseline decimal(18, 2),
    status varchar not null default 'unknown'
        check (status in ('green', 'amber', 'red', 'unknown')),
    status_label varchar,
    status_note varchar,
    necessity varchar
        check (necessity is null or necessity in ('statutory', 'necessary', 'desirable')),
    in_totals boolean not null default true,
    source_row integer,
    sort_order integer not null,
    baseline_used double,
    drift double,
    drift_share double,
    overrun double,
    figures_status varchar default 'unknown',
    search_text varchar,
    period_from integer,
    period_to integer,
    ambition varchar
);

insert into stories_v9 by name select * from stories order by report_id, sort_order;

drop table stories;

alter table stories_v9 rename to stories;
