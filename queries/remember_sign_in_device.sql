-- A browser signed in as this user name now (its token's digest, never the token).
insert into sign_in_devices (device, name, signed_in_at) values ($device, $name, $at)
