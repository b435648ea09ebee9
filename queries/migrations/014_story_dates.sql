-- Schema version 14: dates per story (issue 22): start, planned end (baseline), latest approved end and
-- forecast end, each as the export wrote it and as the first and last day it can mean
-- (portfolio/when.py): an exact day has first = last, a period named loosely ('Q3 2024', 'najaar 2025')
-- keeps its text and its bounds, text that names no date keeps its text and no days. Missing stays NULL,
-- never "on time". Runs on a DuckDB file and on a DuckLake alike.
alter table stories add column if not exists start_date varchar;
alter table stories add column if not exists start_date_first date;
alter table stories add column if not exists start_date_last date;
alter table stories add column if not exists planned_end varchar;
alter table stories add column if not exists planned_end_first date;
alter table stories add column if not exists planned_end_last date;
alter table stories add column if not exists approved_end varchar;
alter table stories add column if not exists approved_end_first date;
alter table stories add column if not exists approved_end_last date;
alter table stories add column if not exists forecast_end varchar;
alter table stories add column if not exists forecast_end_first date;
alter table stories add column if not exists forecast_end_last date;
