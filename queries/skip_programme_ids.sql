-- Takes $count programme ids from the sequence without using them, as that many inserts of programmes
-- that already exist do (insert_programme takes an id even when it then does nothing).
select nextval('programme_id_seq') as programme_id
from range($count)
