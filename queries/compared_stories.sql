-- The stories of the two reports a comparison reads (portfolio.compare.compare_reports), after the
-- filters: side 'old' or 'new', code, title, amounts, reported light and parent (a sub-item's), each report
-- in source order.
-- Only the columns the comparison needs: reading every measure (stories.sql) took ~10x as long.
select 'old' as side, code, title, budget::double as budget, spent::double as spent, forecast::double as forecast,
    status, parent_code, sort_order
from stories
where report_id = $old_report_id
    and (
        -- include: keep_story
    )
union all
select 'new' as side, code, title, budget::double as budget, spent::double as spent, forecast::double as forecast,
    status, parent_code, sort_order
from stories
where report_id = $new_report_id
    and (
        -- include: keep_story
    )
order by side desc, sort_order
