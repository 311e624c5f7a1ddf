-- decreg register schema, version 9: when each adopting step becomes final (issue 19).
-- A handling step may carry the day its minutes were checked (justerade) and the day the checking was announced on
-- the party's notice board (anslagstavlan, Kommunallagen 8 kap. 12 §), from which the appeal window runs.
ALTER TABLE step ADD COLUMN justified TEXT
    CHECK (justified IS NULL OR justified GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
ALTER TABLE step ADD COLUMN posted TEXT
    CHECK (posted IS NULL OR posted GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
