-- Where the export's own totals rows disagree with the sum of their stories, for the reports
-- $report_ids (a list): per report version, row and measure what the file states and what the
-- stories add up to, in the report's currency, and whether (by whom, when) it was accepted.
-- With $open_only, only those not accepted yet.
with final as (
    select
        d.report_id,
        p.name as programme,
        r.report_date,
        r.version,
        r.is_current,
        r.currency,
        d.source_row,
        d.measure,
        d.column_name,
        d.stated::double as stated,
        d.computed::double as computed,
        d.accepted_at,
        d.accepted_by
    from total_disagreements as d
    join reports as r using (report_id)
    join programmes as p using (programme_id)
    where list_contains($report_ids, d.report_id)
      and (d.accepted_at is null or not $open_only)
)

select * from final
order by programme, report_date desc, version desc, source_row,
    case measure when 'budget' then 1 when 'spent' then 2 when 'forecast' then 3 else 4 end
