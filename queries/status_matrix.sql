-- How many stories (and how much budget) sit on each traffic light, per programme line x track.
select
    coalesce(programme_line, '') as programme_line,
    coalesce(track, '') as track,
    count(*) filter (where status = 'red') as n_red,
    count(*) filter (where status = 'amber') as n_amber,
    count(*) filter (where status = 'green') as n_green,
    count(*) filter (where status = 'unknown') as n_unknown,
    count(*) as n_stories,
    sum(budget)::double as budget
from stories
where report_id = $report_id
  and parent_code is null
  and in_totals
  and ($programme_line is null or coalesce(programme_line, '') = $programme_line)
  and ($track is null or coalesce(track, '') = $track)
group by all
order by min(sort_order)
