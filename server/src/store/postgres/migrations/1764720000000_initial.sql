-- Up Migration
-- Each record is kept whole as jsonb (the same shape the lowdb files hold); the columns beside it are what
-- the store looks records up, orders and locks by. Days are the sede's local date (Europe/Rome), as text.

CREATE TABLE bookings (
  code text PRIMARY KEY,
  sede text NOT NULL,
  day text NOT NULL,
  start timestamptz NOT NULL,
  codice_fiscale text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX bookings_sede_day ON bookings (sede, day);
CREATE INDEX bookings_citizen ON bookings (codice_fiscale, start);

CREATE TABLE tickets (
  id text PRIMARY KEY,
  ord bigserial,
  sede text NOT NULL,
  day text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX tickets_sede_day ON tickets (sede, day, ord);

CREATE TABLE ticket_numbers (
  sede text NOT NULL,
  day text NOT NULL,
  prefix text NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (sede, day, prefix)
);

CREATE TABLE counter_states (
  sede text NOT NULL,
  day text NOT NULL,
  counter text NOT NULL,
  ord bigserial,
  doc jsonb NOT NULL,
  PRIMARY KEY (sede, day, counter)
);

CREATE TABLE boards (
  id text PRIMARY KEY,
  ord bigserial,
  token_hash text NOT NULL UNIQUE,
  doc jsonb NOT NULL
);

CREATE TABLE staff_sessions (
  token_hash text PRIMARY KEY,
  username text NOT NULL,
  expires_at text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX staff_sessions_username ON staff_sessions (username);

CREATE TABLE station_credentials (
  station text PRIMARY KEY,
  ord bigserial,
  token_hash text NOT NULL UNIQUE,
  doc jsonb NOT NULL
);

CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  expires_at text NOT NULL,
  doc jsonb NOT NULL
);

CREATE TABLE station_statuses (
  station text PRIMARY KEY,
  ord bigserial,
  doc jsonb NOT NULL
);

CREATE TABLE video_queue (
  id text PRIMARY KEY,
  ord bigserial,
  doc jsonb NOT NULL
);

CREATE TABLE call_records (
  call_id text PRIMARY KEY,
  ord bigserial,
  grp text NOT NULL,
  day text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX call_records_group_day ON call_records (grp, day, ord);

CREATE TABLE video_queue_exits (
  entry_id text PRIMARY KEY,
  ord bigserial,
  grp text NOT NULL,
  day text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX video_queue_exits_group_day ON video_queue_exits (grp, day, ord);

CREATE TABLE audit_events (
  ord bigserial PRIMARY KEY,
  day text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX audit_events_day ON audit_events (day, ord);

CREATE TABLE staff_accounts (
  username text PRIMARY KEY,
  doc jsonb NOT NULL
);

CREATE TABLE stations (
  id text PRIMARY KEY,
  doc jsonb NOT NULL
);

CREATE TABLE self_test_runs (
  id text PRIMARY KEY,
  station text NOT NULL,
  requested_at text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX self_test_runs_station ON self_test_runs (station, requested_at DESC);

CREATE TABLE station_alerts (
  id text PRIMARY KEY,
  station text NOT NULL,
  raised_at text NOT NULL,
  cleared_at text,
  doc jsonb NOT NULL
);
CREATE INDEX station_alerts_open ON station_alerts (cleared_at);

CREATE TABLE kiosk_sessions (
  id text PRIMARY KEY,
  ord bigserial,
  sede text NOT NULL,
  day text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX kiosk_sessions_sede_day ON kiosk_sessions (sede, day, ord);

CREATE TABLE day_stats (
  sede text NOT NULL,
  day text NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (sede, day)
);

CREATE TABLE calendar_changes (
  id text PRIMARY KEY,
  sede text NOT NULL,
  created_at text NOT NULL,
  doc jsonb NOT NULL
);

-- The outbox: due_at and finished_at as UTC ISO strings of one length, which order like instants.
CREATE TABLE outbox (
  id text PRIMARY KEY,
  status text NOT NULL,
  booking_code text NOT NULL,
  slot_day text NOT NULL,
  due_at text NOT NULL,
  lease_until text,
  finished_at text,
  doc jsonb NOT NULL
);
CREATE INDEX outbox_pending ON outbox (due_at) WHERE status = 'pending';
CREATE INDEX outbox_booking ON outbox (booking_code);
CREATE INDEX outbox_finished ON outbox (status, finished_at DESC);

-- NOTIFY carries at most 8,000 bytes: a longer payload is kept here and its id notified.
CREATE TABLE notify_payloads (
  id bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  payload text NOT NULL
);

CREATE TABLE store_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);

-- Down Migration
DROP TABLE store_meta, notify_payloads, outbox, calendar_changes, day_stats, kiosk_sessions, station_alerts,
  self_test_runs, stations, staff_accounts, audit_events, video_queue_exits, call_records, video_queue,
  station_statuses, enrolment_codes, station_credentials, staff_sessions, boards, counter_states,
  ticket_numbers, tickets, bookings;
