-- Writes the measures judge_stories.sql worked out onto the stories (portfolio.db.refresh_judgement: run
-- after refresh_baselines.sql in the same transaction as every write, restore or delete, and after the
-- rules change).
update stories as s
set baseline_used = j.baseline_used,
    drift = j.drift,
    drift_share = j.drift_share,
    overrun = j.overrun,
    slip_days_min = j.slip_days_min,
    slip_days_max = j.slip_days_max,
    slip_share_min = j.slip_share_min,
    slip_share_max = j.slip_share_max,
    figures_status = j.figures_status,
    figures_cause = j.figures_cause,
    end_move_days_min = j.end_move_days_min,
    end_move_days_max = j.end_move_days_max,
    end_move_share_min = j.end_move_share_min,
    end_move_share_max = j.end_move_share_max,
    watermelon_cause = j.watermelon_cause,
    unchanged_reports = j.unchanged_reports,
    stuck = j.stuck,
    reported_done = j.reported_done,
    end_passed = j.end_passed
from judged_stories as j
where s.report_id = j.report_id
  and s.code = j.code
