-- Schema version 1: programmes, their reports (versioned per report date) and the stories of each report.
-- Amounts are stored in full currency units (DECIMAL); a missing amount stays NULL, never 0.
create sequence if not exists programme_id_seq start 1;
create sequence if not exists report_id_seq start 1;

create table if not exists programmes (
    programme_id integer primary key default nextval('programme_id_seq'),
    name varchar not null unique,
    organisation varchar
);

create table if not exists reports (
    report_id integer primary key default nextval('report_id_seq'),
    programme_id integer not null references programmes (programme_id),
    report_date date not null,
    version integer not null default 1,
    is_current boolean not null default true,
    title varchar,
    source_file varchar not null,
    sheet varchar,
    checksum varchar not null,
    loaded_at timestamp not null default current_timestamp,
    loaded_by varchar,
    currency varchar not null default 'EUR',
    unit_applied bigint not null default 1,
    row_count integer not null,
    unique (programme_id, report_date, version)
);

create table if not exists stories (
    report_id integer not null references reports (report_id),
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

create table if not exists audit_log (
    logged_at timestamp not null default current_timestamp,
    actor varchar,
    action varchar not null,
    report_id integer,
    detail varchar
);
