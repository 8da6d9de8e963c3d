#!/usr/bin/env bash
# The whole test suite on a fresh machine, with nothing started by hand: installs what is missing (Chromium, jq),
# starts PostgreSQL 15 and creates its databases, starts and sets up one Keycloak for every test JVM, runs Maven, and
# stops what it started. Extra arguments go to Maven (e.g. ./test.sh -pl fhir-provider-server -am). CI runs this.
set -euo pipefail
cd "$(dirname "$0")"

# Debian's chromium for SmartClientIT (SMART's JS client in a headless browser); the test fails instead of skipping.
if ! command -v chromium >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi
export SIHHA_REQUIRE_BROWSER=1

# jq for the Keycloak realm's set-up step (keycloak/setup-permissions.sh)
if ! command -v jq >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q jq
fi

# PostgreSQL 15 for the storage-critical suites (the aggregation slice and its fault tests, on the postgres profile).
STARTED_POSTGRES=
if ! pg_lsclusters --no-header 2>/dev/null | grep -q '^15 *main .*online'; then
  pg_ctlcluster 15 main start
  STARTED_POSTGRES=1
fi
stop_postgres() { if [[ -n $STARTED_POSTGRES ]]; then pg_ctlcluster 15 main stop || true; fi; }
trap stop_postgres EXIT
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sihha') THEN
    CREATE ROLE sihha LOGIN PASSWORD 'sihha';
  END IF;
END $$;
DROP DATABASE IF EXISTS sihha_it_provider;
DROP DATABASE IF EXISTS sihha_it_ministry;
DROP DATABASE IF EXISTS sihha_it_faults_provider;
DROP DATABASE IF EXISTS sihha_it_faults_ministry;
DROP DATABASE IF EXISTS sihha_outbox_numbering;
DROP DATABASE IF EXISTS sihha_apply_ministry;
DROP DATABASE IF EXISTS sihha_apply_two_ministries;
DROP DATABASE IF EXISTS sihha_linking_ministry;
DROP DATABASE IF EXISTS sihha_ledger_store;
CREATE DATABASE sihha_it_provider OWNER sihha;
CREATE DATABASE sihha_it_ministry OWNER sihha;
CREATE DATABASE sihha_it_faults_provider OWNER sihha;
CREATE DATABASE sihha_it_faults_ministry OWNER sihha;
CREATE DATABASE sihha_outbox_numbering OWNER sihha;
CREATE DATABASE sihha_apply_ministry OWNER sihha;
CREATE DATABASE sihha_apply_two_ministries OWNER sihha;
CREATE DATABASE sihha_linking_ministry OWNER sihha;
CREATE DATABASE sihha_ledger_store OWNER sihha;
SQL

# Keycloak, once for the whole run: every test JVM uses it through SIHHA_KEYCLOAK_URL (SharedKeycloak) instead of
# starting its own. The SMART extension is built first; Keycloak then starts and is set up while the suite compiles,
# and the first test that needs it waits for its realm to be enabled. It is stopped by PID when this script exits.
. launcher/lib.sh
JAVA=$(command -v java)
KEYCLOAK_VERSION=26.4.7
KEYCLOAK_PORT=18180
mvn -B -ntp -q -pl keycloak-extension -am package -DskipTests
keycloak_unpack target/ci-keycloak "$KEYCLOAK_VERSION"
keycloak_prepare "$KEYCLOAK_HOME" keycloak/realm/sihha-realm.json keycloak-extension/target/keycloak-smart-extension-*[0-9T].jar
KEYCLOAK_ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
(cd "$KEYCLOAK_HOME" && JAVA_HOME=$(java_home) JAVA_OPTS_KC_HEAP="-Xms64m -Xmx768m" KC_BOOTSTRAP_ADMIN_USERNAME=admin \
  KC_BOOTSTRAP_ADMIN_PASSWORD=$KEYCLOAK_ADMIN_PASSWORD exec setsid bin/kc.sh start-dev --http-host=127.0.0.1 \
  "--http-port=$KEYCLOAK_PORT" --http-management-port=$((KEYCLOAK_PORT + 10)) --import-realm) \
  >target/ci-keycloak/keycloak.log 2>&1 </dev/null &
KEYCLOAK_PID=$!
# the realm is imported disabled; its set-up step (admin permissions, then the realm enabled) waits for the import,
# in the background too: the tests wait until the realm is enabled (SharedKeycloak)
SIHHA_SETUP_TIMEOUT=1200 bash keycloak/setup-permissions.sh "http://127.0.0.1:$KEYCLOAK_PORT" admin \
  "$KEYCLOAK_ADMIN_PASSWORD" sihha \
  >target/ci-keycloak/setup.log 2>&1 </dev/null &
SETUP_PID=$!
trap 'kill -TERM "$SETUP_PID" 2>/dev/null || true; kill -TERM -- "-$KEYCLOAK_PID" 2>/dev/null || true
  wait "$KEYCLOAK_PID" 2>/dev/null || true; stop_postgres' EXIT
export SIHHA_KEYCLOAK_URL=http://127.0.0.1:$KEYCLOAK_PORT
# for the tests that look up ids as the realm's administrator (StaffAdminPermissionsIT)
export SIHHA_KEYCLOAK_ADMIN_PASSWORD=$KEYCLOAK_ADMIN_PASSWORD

mvn -B -ntp verify "$@"
