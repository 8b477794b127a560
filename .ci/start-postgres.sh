#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster (it refuses to run as root directly) and creates
# a role and database for the tests. Prints the URL to export as SHOPDESK_TEST_PG.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >/dev/null
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='shopdesk'\" | grep -q 1 || psql -q -c \"CREATE ROLE shopdesk LOGIN SUPERUSER PASSWORD 'shopdesk'\"" >/dev/null
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='shopdesk_test'\" | grep -q 1 || createdb -O shopdesk shopdesk_test" >/dev/null
echo "postgresql+psycopg://shopdesk:shopdesk@127.0.0.1:5432/shopdesk_test"
