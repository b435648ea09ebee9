-- Takes $count programme ids from the sequence without using them: what that many inserts of a programme
-- take that leave no new programme behind (it was there already, or the transaction is rolled back).
select nextval('programme_id_seq') as programme_id
from range($count)
