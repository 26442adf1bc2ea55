#!/bin/sh
# Run before `npm test` (its pretest) and so by .ci/run: the PostgreSQL store's contract tests and the cluster
# end-to-end tests need the machine's PostgreSQL on 127.0.0.1:5432. Started with Debian's tools when it is
# installed but not running; otherwise the script stops naming what is missing.
set -eu
host=127.0.0.1
port=5432

pg_isready -q -h "$host" -p "$port" 2>/dev/null && exit 0

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql ]; then
  echo "npm test needs PostgreSQL on $host:$port (Debian's postgresql package, trust auth for postgres on loopback)" >&2
  exit 1
fi
if [ "$(id -u)" = 0 ]; then
  as=''
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  as='sudo -n'
else
  echo "PostgreSQL is not running on $host:$port; start it, then run npm test again:" >&2
  echo "  sudo pg_ctlcluster $(ls /etc/postgresql | head -n 1) main start" >&2
  exit 1
fi

version=$(ls /etc/postgresql | head -n 1)
echo "Starting PostgreSQL $version (main) for the tests" >&2
$as pg_ctlcluster --skip-systemctl-redirect "$version" main start
for _ in $(seq 1 30); do
  pg_isready -q -h "$host" -p "$port" && exit 0
  sleep 1
done
echo "PostgreSQL $version (main) was started but does not answer on $host:$port" >&2
exit 1
