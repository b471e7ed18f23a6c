#!/usr/bin/env bash
# Starts a local PostgreSQL server for the store tests and prints the URL to use.
# Idempotent: safe to run again when PostgreSQL is installed, running, or the role exists.
# For a clean Debian machine running as root (CI). Override with PG_USER / PG_PASSWORD / PG_DB / PG_PORT.
set -euo pipefail

PG_USER="${PG_USER:-bot}"
PG_PASSWORD="${PG_PASSWORD:-bot}"
PG_DB="${PG_DB:-bot_test}"
PG_PORT="${PG_PORT:-5432}"

if [ "$(id -u)" -ne 0 ]; then
  echo "start-postgres.sh: run as root (it installs packages and runs commands as the postgres user)" >&2
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "Installing PostgreSQL..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y postgresql
fi

# The newest installed major version.
PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if [ -z "$PG_VERSION" ]; then
  echo "start-postgres.sh: no PostgreSQL version found under /usr/lib/postgresql" >&2
  exit 1
fi

# Create the cluster if the package did not (e.g. installed without a default cluster).
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PG_VERSION main"; then
  pg_createcluster --port "$PG_PORT" "$PG_VERSION" main
fi

status="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $4}')"
if [ "$status" != "online" ]; then
  pg_ctlcluster "$PG_VERSION" main start
fi

CLUSTER_PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $3}')"

for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$CLUSTER_PORT"; then break; fi
  sleep 0.5
done
if ! pg_isready -q -h 127.0.0.1 -p "$CLUSTER_PORT"; then
  echo "start-postgres.sh: PostgreSQL did not become ready on port $CLUSTER_PORT" >&2
  exit 1
fi

psql_admin() { (cd / && runuser -u postgres -- psql -p "$CLUSTER_PORT" -v ON_ERROR_STOP=1 -qtA "$@"); }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" != "1" ]; then
  psql_admin -c "CREATE ROLE \"$PG_USER\" LOGIN PASSWORD '$PG_PASSWORD'"
else
  psql_admin -c "ALTER ROLE \"$PG_USER\" LOGIN PASSWORD '$PG_PASSWORD'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\""
fi
# The tests create their own schemas in this database.
psql_admin -d "$PG_DB" -c "GRANT CREATE ON DATABASE \"$PG_DB\" TO \"$PG_USER\""

echo "postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$CLUSTER_PORT/$PG_DB"
