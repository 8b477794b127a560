#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster (it refuses to run as root directly) and creates
# a role and database for the tests. Prints the URL to export as SHOPDESK_TEST_PG.
set -euo pipefail
# Only the URL goes to stdout: pg_ctlcluster and friends may print notes there
# (for example "Removed stale pid file."), which would end up inside the URL.
exec 3>&1 1>&2
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null 3>&-
fi
# A machine image may hold a stale pid file or a half-stopped server: try a few times.
for attempt in 1 2 3; do
  pg_ctlcluster "$version" main start 3>&- || true
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break 2
    sleep 1
  done
  echo "PostgreSQL did not answer (attempt $attempt); restarting it" >&2
  pg_ctlcluster "$version" main stop -m immediate 3>&- || true
done
pg_isready -h 127.0.0.1 -p 5432 >/dev/null
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='shopdesk'\" | grep -q 1 || psql -q -c \"CREATE ROLE shopdesk LOGIN SUPERUSER PASSWORD 'shopdesk'\"" >/dev/null
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='shopdesk_test'\" | grep -q 1 || createdb -O shopdesk shopdesk_test" >/dev/null
echo "postgresql+psycopg://shopdesk:shopdesk@127.0.0.1:5432/shopdesk_test" >&3
