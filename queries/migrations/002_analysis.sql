-- Schema version 2: the rules for the traffic light the figures give.

create table if not exists status_rules (
    id integer primary key default 1 check (id = 1),
    -- forecast above budget by more than this share: amber / red
    overrun_amber double not null default 0.05,
    overrun_red double not null default 0.15,
    -- spent/committed above budget: red
    spent_over_budget_red boolean not null default true,
    -- forecast moved from the first baseline by more than this share: amber / red
    drift_amber double not null default 0.10,
    drift_red double not null default 0.25,
    updated_at timestamp,
    updated_by varchar
);

insert into status_rules (id) values (1) on conflict do nothing;

-- report_stories() was defined here too, the light by the figures worked out on every call. Migration 005
-- replaces it (a plain read of the measures kept on the rows) and 011 drops it; no migration in between
-- calls it, and the app migrates a store to the newest schema before it reads anything, so a store that
-- runs this script today never calls it. The judgement is queries/parts/judged_stories.sql (migration 015).
