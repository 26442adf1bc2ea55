-- Up Migration
-- Limits every instance shares: one-time keys (a card challenge is answered once, on any instance) and hit
-- counters (tries of guessable codes per address). Counters are UNLOGGED: a crash of the database only
-- forgets a minute of tries, and each try writes no WAL.

CREATE TABLE one_time_keys (
  key text PRIMARY KEY,
  until timestamptz NOT NULL
);
CREATE INDEX one_time_keys_until ON one_time_keys (until);

CREATE UNLOGGED TABLE hit_counters (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL
);
CREATE INDEX hit_counters_reset_at ON hit_counters (reset_at);

-- Down Migration
DROP TABLE hit_counters, one_time_keys;
