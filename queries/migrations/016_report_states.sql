-- Schema version 16: a report version goes from draft (on upload) to checked (by a controller) to
-- approved (by the programme's director), and may be sent back to draft with a reason
-- (portfolio/approval.py). Every step is a row: which version, which state it entered, when, by whom
-- and why; a version's state is that of its latest step. Runs on a DuckDB file and on a DuckLake alike:
-- no keys, no defaults.
create table if not exists report_steps (
    report_id integer not null,
    state varchar not null,
    stepped_at timestamp not null,
    stepped_by varchar,
    note varchar
);

-- The reports loaded before approval existed were the reports of record: they stay what everybody sees,
-- said as such (the step names no person).
insert into report_steps (report_id, state, stepped_at, stepped_by, note)
select r.report_id, 'approved', current_timestamp, null, 'approved_before_steps'
from reports as r
where r.report_id not in (select report_id from report_steps);
