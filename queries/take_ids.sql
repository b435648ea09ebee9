-- Takes the next $count ids of counter $name ('programme_id', 'report_id') in the writing
-- transaction; queries/next_report_ids.sql and insert_programme.sql read them.
update counters set value = value + $count where name = $name
