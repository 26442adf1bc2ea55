-- Up Migration
-- Teams meetings of booked web meetings: what Graph should hold for a booking and the work still to do
-- (due_at, NULL when in step), claimed under a lease by any instance's worker.

CREATE TABLE teams_meetings (
  booking_code text PRIMARY KEY,
  due_at timestamptz,
  lease_until timestamptz,
  doc jsonb NOT NULL
);
CREATE INDEX teams_meetings_due ON teams_meetings (due_at) WHERE due_at IS NOT NULL;

-- Down Migration
DROP TABLE teams_meetings;
