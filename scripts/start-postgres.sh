#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster on loopback and creates the test role and database (idempotent).
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then pg_createcluster "$version" main >/dev/null; fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='empreinte'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE empreinte LOGIN SUPERUSER PASSWORD 'empreinte'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='empreinte_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O empreinte empreinte_test"
echo "postgres $version ready on 127.0.0.1:5432"
