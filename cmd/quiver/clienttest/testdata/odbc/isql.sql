SELECT id, t, n, d FROM ct ORDER BY id
SELEC 1
INSERT INTO ct (id) VALUES (1)
SELECT count(*) FROM ct
