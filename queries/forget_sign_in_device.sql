-- Before a device is remembered again for a name: its old row goes, and rows too old to be trusted.
delete from sign_in_devices where (device = $device and name = $name) or signed_in_at < $since
