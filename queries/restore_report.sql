-- Makes one version the current report for its programme and date; the other versions are kept, not current.
update reports
set is_current = (report_id = $report_id)
where programme_id = (select programme_id from reports where report_id = $report_id)
  and report_date = (select report_date from reports where report_id = $report_id)
