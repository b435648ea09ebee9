-- Every version of the programme of $report_id up to and including it (by report date, then version):
-- the common table expression `versions` (report_id, report_date, version) that the narrative queries
-- (narrative_rows, story_narrative_rows, risk_rows) read what may be carried over from.
this as (
    select programme_id, report_date, version from reports where report_id = $report_id
),
versions as (
    select r.report_id, r.report_date, r.version
    from reports as r, this
    where r.programme_id = this.programme_id
      and (r.report_date < this.report_date or (r.report_date = this.report_date and r.version <= this.version))
)
