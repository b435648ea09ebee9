-- Schema version 11: one schema for both stores, a DuckDB file and a DuckLake (queries/migrations/new/011_whole_schema.sql
-- has the whole of it and says why): no primary keys, unique or check constraints, sequences,
-- macros or non-literal defaults. Ids come from the counters table, which starts where the
-- sequences were (an id once given, also to a report deleted since, is never given again).
create table counters (
    name varchar not null,
    value bigint not null
);

insert into counters
select 'writes', 0
union all
select 'programme_id', greatest(
    coalesce((select last_value from duckdb_sequences() where sequence_name = 'programme_id_seq'), 0),
    coalesce((select max(programme_id) from programmes), 0)
)
union all
select 'report_id', greatest(
    coalesce((select last_value from duckdb_sequences() where sequence_name = 'report_id_seq'), 0),
    coalesce((select max(report_id) from reports), 0),
    coalesce((select max(report_id) from audit_log), 0)
);

create table programmes_v11 (
    programme_id integer not null,
    name varchar not null,
    organisation varchar
);

insert into programmes_v11 by name select * from programmes;

create table reports_v11 (
    report_id integer not null,
    programme_id integer not null,
    report_date date not null,
    version integer not null,
    is_current boolean not null,
    title varchar,
    source_file varchar not null,
    sheet varchar,
    checksum varchar not null,
    loaded_at timestamp not null,
    loaded_by varchar,
    currency varchar not null default 'EUR',
    unit_applied bigint not null default 1,
    row_count integer not null
);

insert into reports_v11 by name select * from reports;

create table stories_v11 (
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
    status varchar not null default 'unknown',
    status_label varchar,
    status_note varchar,
    ambition varchar,
    necessity varchar,
    in_totals boolean not null,
    source_row integer,
    sort_order integer not null,
    baseline_used double,
    drift double,
    drift_share double,
    overrun double,
    figures_status varchar default 'unknown',
    search_text varchar,
    period_from integer,
    period_to integer
);

insert into stories_v11 by name select * from stories order by report_id, sort_order;

create table audit_log_v11 (
    logged_at timestamp not null,
    actor varchar,
    action varchar not null,
    report_id integer,
    detail varchar
);

insert into audit_log_v11 by name select * from audit_log;

create table status_rules_v11 (
    id integer not null,
    overrun_amber double not null default 0.05,
    overrun_red double not null default 0.15,
    spent_over_budget_red boolean not null,
    drift_amber double not null default 0.10,
    drift_red double not null default 0.25,
    updated_at timestamp,
    updated_by varchar
);

insert into status_rules_v11 by name select * from status_rules;

create table story_baselines_v11 (
    programme_id integer not null,
    code varchar not null,
    first_budget decimal(18, 2),
    first_report_date date
);

insert into story_baselines_v11 by name select * from story_baselines;

create table sign_in_failures_v11 (
    subject varchar not null,
    failures integer not null,
    last_failure double not null
);

insert into sign_in_failures_v11 by name select * from sign_in_failures;

drop macro table report_stories;
drop macro keep_story;
drop macro story_search_text;
drop macro period_years;
delete from live_macros;
drop table stories;
drop table reports;
drop table programmes;
drop table audit_log;
drop table status_rules;
drop table story_baselines;
drop table sign_in_failures;
drop sequence report_id_seq;
drop sequence programme_id_seq;
alter table programmes_v11 rename to programmes;
alter table reports_v11 rename to reports;
alter table stories_v11 rename to stories;
alter table audit_log_v11 rename to audit_log;
alter table status_rules_v11 rename to status_rules;
alter table story_baselines_v11 rename to story_baselines;
alter table sign_in_failures_v11 rename to sign_in_failures;
