-- The whole schema at version 11, for a new store of either kind: a DuckDB file or a DuckLake
-- (portfolio.db.migrate runs it on an empty store and records version 11; a file made before
-- version 11 gets the same tables through migrations/001-011). DuckLake has no PRIMARY KEY, UNIQUE
-- or CHECK constraints, sequences, macros or non-literal defaults, so neither store has them:
-- - identifiers come from the counters table, taken in the writing transaction
--   (queries/take_ids.sql), and every writing transaction first claims the store's write turn
--   (queries/claim_write.sql), so two writers on two servers conflict and one of them is retried
--   (portfolio.db.write) instead of both writing beside each other;
-- - uniqueness (a programme's name, a report's version) is checked by the writing queries;
-- - report_stories() and keep_story() became the filter in queries/parts/keep_story.sql.
-- Amounts are stored in full currency units (DECIMAL); a missing amount stays NULL, never 0.
create table programmes (
    programme_id integer not null,
    name varchar not null,
    organisation varchar
);

create table reports (
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

-- status: green, amber, red or unknown; necessity: statutory, necessary, desirable or NULL
-- (checked by the ingest path, which is the only writer).
create table stories (
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

create table audit_log (
    logged_at timestamp not null,
    actor varchar,
    action varchar not null,
    report_id integer,
    detail varchar
);

create table status_rules (
    id integer not null,
    overrun_amber double not null default 0.05,
    overrun_red double not null default 0.15,
    spent_over_budget_red boolean not null,
    drift_amber double not null default 0.10,
    drift_red double not null default 0.25,
    updated_at timestamp,
    updated_by varchar
);

insert into status_rules (id, spent_over_budget_red) values (1, true);

create table story_baselines (
    programme_id integer not null,
    code varchar not null,
    first_budget decimal(18, 2),
    first_report_date date
);

create table sign_in_failures (
    subject varchar not null,
    failures integer not null,
    last_failure double not null
);

create table sign_in_attempts (
    client varchar not null,
    attempted_at double not null
);

-- How bad each light is (higher is worse), as portfolio.status.SEVERITY (migration 010).
create table light_ranks (
    status varchar not null,
    rank integer not null
);

insert into light_ranks values ('red', 3), ('amber', 2), ('unknown', 1), ('green', 0);

-- Migration 010's record of macros; no store keeps macros since 011 (a lake cannot), so it stays empty.
create table live_macros (
    name varchar not null,
    checksum varchar not null
);

-- 'writes': bumped by every writing transaction; 'programme_id', 'report_id': the last id given out.
create table counters (
    name varchar not null,
    value bigint not null
);

insert into counters values ('writes', 0), ('programme_id', 0), ('report_id', 0);
