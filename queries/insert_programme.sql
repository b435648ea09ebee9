-- Registers a programme by name; does nothing when it is already known.
insert into programmes (name)
values ($name)
on conflict (name) do nothing
