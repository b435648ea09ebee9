-- Whether a browser's device token has signed in as this user name recently.
select count(*) as n
from sign_in_devices
where device = $device and name = $name and signed_in_at >= $since
