-- Schema version 3: stories no longer carry a foreign key to reports.
-- DuckDB refuses to delete a report in the same transaction that deleted its stories while that key
-- exists, so deleting a report could not be one transaction. The ingest path writes a report and its
-- stories together in one transaction, and tests/test_queries.py checks that no story is orphaned.
create table stories_v3 (
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
    primary key (report_id, code)
);

insert into stories_v3 by name select * from stories;

drop table stories;

alter table stories_v3 rename to stories;
