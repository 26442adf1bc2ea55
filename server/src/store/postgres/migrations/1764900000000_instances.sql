-- Up Migration
-- Several server instances: each renews its liveness; an official's presence names the instance holding
-- their socket and counts only while that instance is alive (video queue entries name theirs in doc).

CREATE TABLE server_instances (
  id text PRIMARY KEY,
  alive_until timestamptz NOT NULL,
  doc jsonb NOT NULL
);

CREATE TABLE video_presence (
  official text PRIMARY KEY,
  instance text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX video_presence_instance ON video_presence (instance);

-- Down Migration
DROP TABLE video_presence, server_instances;
