-- budget_reservations (0003) gets FORCE RLS and the request roles' grants like every table.
SELECT platform_secure_tables();
