#!/usr/bin/env bash
# Sihha HIE demo: starts the terminology server, the ministry server, two provider servers on embedded defaults
# (H2 + Lucene under the data directory) and Keycloak (realm sihha), on 127.0.0.1, and keeps them running in the
# foreground until Ctrl-C. Run ./demo.sh --help for the options.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ((BASH_VERSINFO[0] < 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] < 4))); then
  echo "demo.sh needs bash 4.4 or newer (this is $BASH_VERSION)" >&2
  exit 1
fi
# shellcheck source=launcher/lib.sh
. "$ROOT/launcher/lib.sh"

VERSION=0.1.0-SNAPSHOT
KEYCLOAK_VERSION=26.4.7
KEYCLOAK_REALM=sihha
SERVERS=(terminology ministry provider-a provider-b)
PROCS=("${SERVERS[@]}" keycloak) # everything the demo starts, stops and waits for
declare -A JAR=(
  [terminology]=$ROOT/terminology/server/target/terminology-server-$VERSION.jar
  [ministry]=$ROOT/fhir-ministry-server/target/fhir-ministry-server-$VERSION.jar
  [provider-a]=$ROOT/fhir-provider-server/target/fhir-provider-server-$VERSION.jar
  [provider-b]=$ROOT/fhir-provider-server/target/fhir-provider-server-$VERSION.jar
)
declare -A PORT=([terminology]=8090 [ministry]=8080 [provider-a]=8081 [provider-b]=8082 [keycloak]=8180)
declare -A DISPLAY_NAME=([provider-a]="Provider A" [provider-b]="Provider B")
KEYCLOAK_EXTENSION_JAR=$ROOT/keycloak-extension/target/keycloak-smart-extension-$VERSION.jar
KEYCLOAK_REALM_JSON=$ROOT/keycloak/realm/sihha-realm.json
BENCH_JAR=$ROOT/bench/target/sihha-bench.jar
LOADER_MAIN=health.sihha.bench.synthea.LoadSamples
# the loader's SMART Backend Services client of each provider (bound to that facility; demo keys in keycloak/realm)
declare -A BACKEND_CLIENT=([provider-a]=sihha-backend [provider-b]=sihha-backend-b)

DATA_DIR=$ROOT/data
TIMEOUT=420
HEAP=1g
PATIENTS_A=0
PATIENTS_B=0
FROM_DIR=$(cd "$ROOT/.." && pwd)/shared/data/synthea-r4
TERMINOLOGY_SEED=$(cd "$ROOT/.." && pwd)/shared/data/terminology
GENERATE=
SEED=42
BUILD=auto
EXIT_WHEN_READY=
STOP_ONLY=
COPY_JARS=1
CDS_PID=
FULL_JIT=

usage() {
  cat <<EOF
Usage: ./demo.sh [options]

Starts the Sihha HIE on embedded defaults (H2 database + Lucene index under the data
directory), all on 127.0.0.1, and stays in the foreground; Ctrl-C stops everything.

  terminology FHIR base http://127.0.0.1:8090/fhir   (ICD-10-CM, LOINC, RxNorm, UCUM: loaded
                                                    from ../shared/data/terminology on first start)
  ministry    FHIR base http://127.0.0.1:8080/fhir   (ingest endpoint /ingest)
  provider-a  FHIR base http://127.0.0.1:8081/fhir   (sends to the ministry)
  provider-b  FHIR base http://127.0.0.1:8082/fhir   (sends to the ministry)
  keycloak    http://127.0.0.1:8180/realms/sihha    (Keycloak $KEYCLOAK_VERSION dev mode, realm from
                                                    keycloak/realm/sihha-realm.json re-imported at each
                                                    start, SMART extension deployed; admin console
                                                    http://127.0.0.1:8180/admin, admin/admin: DEMO ONLY)

Builds the server jars first (mvn -B -q -DskipTests install) if one is missing or older
than a source file or pom. Needs Java 17+, curl, jq (the realm's set-up step,
keycloak/setup-permissions.sh), and Maven for building or for --generate.

Options:
  --data-dir DIR            where databases, indexes, logs and PID files go (default: data/
                            in the repository root)
  --timeout SECONDS         how long to wait for all servers to be ready (default: $TIMEOUT)
  --terminology-port PORT   (default: 8090)
  --ministry-port PORT      (default: 8080)
  --provider-a-port PORT    (default: 8081)
  --provider-b-port PORT    (default: 8082)
  --keycloak-port PORT      (default: 8180)
  --heap SIZE               -Xmx of each server (default: $HEAP)
  --patients N              once ready, load N sample patients into provider-a
  --provider-b-patients N   likewise into provider-b
  --from DIR                Synthea FHIR bundles to load (default: ../shared/data/synthea-r4
                            relative to the repository root)
  --generate                generate the patients with Synthea 3.3.0 instead (cached under
                            <data>/synthea; about 10-30 s per patient; downloads Synthea once)
  --seed N                  Synthea seed for --generate (default: $SEED)
  --no-build                never build; fail if a jar is missing
  --no-jar-copy             run the jars in place from */target (by default each is extracted
                            once per build under <data>/run/app, so that a rebuild while the
                            demo runs cannot pull the classes from under the running servers,
                            and a class-data sharing archive is made there; see below)
  --full-jit                compile hot code with C2 too: full speed under load (benchmarks),
                            but a slower start (by default the servers and Keycloak stop at
                            the C1 compiler, as Spring Boot's own spring-boot:run does)
  --build                   always build first
  --exit-when-ready         stop everything and exit 0 once ready (and loaded): a smoke test
  --stop                    stop servers left running by an earlier demo.sh of this data
                            directory (from its PID files), then exit
  -h, --help                this help

Examples:
  ./demo.sh
  ./demo.sh --patients 10 --provider-b-patients 5
  ./demo.sh --patients 2 --generate --seed 7
  ./demo.sh --data-dir /tmp/demo --ministry-port 18080 --provider-a-port 18081 --provider-b-port 18082

Keycloak is unpacked from the local Maven repository (org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip,
fetched with mvn if missing) into <data>/keycloak. The realm's tokens name the FHIR servers'
default ports as audience.

Logs: <data>/logs/<server>.log; PIDs: <data>/run/<server>.pid. The servers run with the serial
garbage collector, which starts four JVMs faster on a small machine; extra JVM options (they
come later, so they win, e.g. SIHHA_JAVA_OPTS=-XX:+UseG1GC) go in the environment variable
SIHHA_JAVA_OPTS.

Class-data sharing: the first start of a build records the classes each server loads; once all
are ready the launcher turns that list into an archive per server jar, in the background at the
lowest CPU priority (with --exit-when-ready: after stopping the servers), and later starts map
it instead of loading and verifying those classes again (log: <data>/logs/cds-<jar>.log).
EOF
}

# ---------------------------------------------------------------------------------------------
# options

need_arg() { (($2 >= 2)) || die "option $1 needs a value (see --help)"; }
need_uint() { is_uint "$2" || die "option $1 needs a whole number, not '$2'"; }
need_port() {
  need_uint "$1" "$2"
  ((10#$2 >= 1 && 10#$2 <= 65535)) || die "option $1: $2 is not a TCP port"
}

while (($# > 0)); do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --data-dir) need_arg "$1" $#; DATA_DIR=$(abs_path "$2"); shift ;;
    --data-dir=*) DATA_DIR=$(abs_path "${1#*=}") ;;
    --timeout) need_arg "$1" $#; need_uint "$1" "$2"; TIMEOUT=$((10#$2)); shift ;;
    --terminology-port) need_arg "$1" $#; need_port "$1" "$2"; PORT[terminology]=$((10#$2)); shift ;;
    --ministry-port) need_arg "$1" $#; need_port "$1" "$2"; PORT[ministry]=$((10#$2)); shift ;;
    --provider-a-port) need_arg "$1" $#; need_port "$1" "$2"; PORT[provider-a]=$((10#$2)); shift ;;
    --provider-b-port) need_arg "$1" $#; need_port "$1" "$2"; PORT[provider-b]=$((10#$2)); shift ;;
    --keycloak-port) need_arg "$1" $#; need_port "$1" "$2"; PORT[keycloak]=$((10#$2)); shift ;;
    --heap) need_arg "$1" $#; [[ $2 =~ ^[0-9]+[kKmMgG]?$ ]] || die "--heap: '$2' is not a size like 1g or 768m"; HEAP=$2; shift ;;
    --patients) need_arg "$1" $#; need_uint "$1" "$2"; PATIENTS_A=$((10#$2)); shift ;;
    --provider-b-patients) need_arg "$1" $#; need_uint "$1" "$2"; PATIENTS_B=$((10#$2)); shift ;;
    --from) need_arg "$1" $#; FROM_DIR=$(abs_path "$2"); shift ;;
    --generate) GENERATE=1 ;;
    --seed) need_arg "$1" $#; need_uint "$1" "$2"; SEED=$2; shift ;;
    --no-build) BUILD=never ;;
    --no-jar-copy) COPY_JARS= ;;
    --full-jit) FULL_JIT=1 ;;
    --build) BUILD=always ;;
    --exit-when-ready) EXIT_WHEN_READY=1 ;;
    --stop) STOP_ONLY=1 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
  shift
done

LOG_DIR=$DATA_DIR/logs
RUN_DIR=$DATA_DIR/run
LOADING=
((PATIENTS_A > 0 || PATIENTS_B > 0)) && LOADING=1

base_url() { printf 'http://127.0.0.1:%s' "${PORT[$1]}"; }
# ready_url NAME: what answers once NAME is ready
ready_url() {
  if [[ $1 == keycloak ]]; then
    # ready once set up: its token endpoint answers 401 to a request without client (see keycloak_realm_ready)
    printf '%s/realms/%s/protocol/openid-connect/token' "$(base_url keycloak)" "$KEYCLOAK_REALM"
  else
    printf '%s/actuator/health/readiness' "$(base_url "$1")"
  fi
}
is_ready() {
  if [[ $1 == keycloak ]]; then
    # the realm is usable once keycloak/setup-permissions.sh has run (it enables the realm last)
    keycloak_setup_failed && die "the Keycloak realm set-up failed, see $LOG_DIR/keycloak-setup.log"
    keycloak_realm_ready "$(base_url keycloak)" "$KEYCLOAK_REALM"
  else
    http_ready "$(ready_url "$1")"
  fi
}
# keycloak_setup_failed: true once the set-up step has exited with an error
keycloak_setup_failed() {
  local rc=0
  [[ -n ${SETUP_PID:-} ]] || return 1
  proc_alive "$SETUP_PID" && return 1
  wait "$SETUP_PID" 2>/dev/null || rc=$?
  SETUP_PID=
  ((rc != 0))
}
pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

# recorded_pid NAME: the PID in NAME's PID file if that process still runs one of our jars
recorded_pid() {
  local file pid args
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  is_uint "$pid" && proc_alive "$pid" || return 1
  args=$(ps -o args= -p "$pid" 2>/dev/null) || return 1
  if [[ $1 == keycloak ]]; then
    [[ $args == *kc.sh* || $args == *kc.home.dir* ]] || return 1
  else
    [[ $args == *-server-*.jar* ]] || return 1
  fi
  printf '%s\n' "$pid"
}

# ---------------------------------------------------------------------------------------------
# stop and clean up

declare -A SERVER_PID=()
STOPPING=

stop_servers() {
  local pids=() name
  [[ -n $HELPER_PID ]] && pids+=("$HELPER_PID")
  [[ -n $NAP_PID ]] && pids+=("$NAP_PID")
  if [[ -n $CDS_PID ]]; then
    pids+=("$CDS_PID")
    mapfile -t -O "${#pids[@]}" pids < <(child_pids "$CDS_PID")
  fi
  [[ -n ${SETUP_PID:-} ]] && pids+=("$SETUP_PID")
  for name in "${PROCS[@]}"; do
    [[ -n ${SERVER_PID[$name]:-} ]] && pids+=("${SERVER_PID[$name]}")
  done
  # kc.sh passes SIGTERM on to its JVM; list the JVM too, so that it is killed if it outlives the grace time
  [[ -n ${SERVER_PID[keycloak]:-} ]] && mapfile -t -O "${#pids[@]}" pids < <(child_pids "${SERVER_PID[keycloak]}")
  ((${#pids[@]} > 0)) || return 0
  if ((${#SERVER_PID[@]} > 0)); then
    log "stopping ${!SERVER_PID[*]} (SIGTERM, up to 20 s, then SIGKILL)"
  fi
  stop_pids 20 "${pids[@]}"
  for name in "${!SERVER_PID[@]}"; do
    rm -f "$(pid_file "$name")"
  done
  SERVER_PID=()
  HELPER_PID=
  NAP_PID=
  SETUP_PID=
  CDS_PID=
}

on_exit() {
  local rc=$?
  trap - EXIT
  trap '' INT TERM HUP
  stop_servers
  if [[ -n $STOPPING ]]; then
    ok "all stopped"
    exit 0
  fi
  exit "$rc"
}

on_signal() {
  STOPPING=1
  trap '' INT TERM HUP
  printf '\n' >&2
  log "received SIG$1"
  exit 0 # runs on_exit
}

trap on_exit EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP

# ---------------------------------------------------------------------------------------------
# --stop

if [[ -n $STOP_ONLY ]]; then
  found=()
  for name in "${PROCS[@]}"; do
    if pid=$(recorded_pid "$name"); then
      log "stopping $name (PID $pid)"
      found+=("$pid")
      [[ $name == keycloak ]] && mapfile -t -O "${#found[@]}" found < <(child_pids "$pid")
    fi
    rm -f "$(pid_file "$name")"
  done
  ((${#found[@]} > 0)) || { log "no running server recorded under $RUN_DIR"; exit 0; }
  stop_pids 20 "${found[@]}"
  ok "stopped"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
# checks before anything long

require_java
require_curl
require_jq

check_ports() {
  local name port owner busy=
  for name in "${PROCS[@]}"; do
    port=${PORT[$name]}
    if port_in_use "$port"; then
      owner=$(port_owner "$port" || true)
      printf '%s[demo] ERROR:%s port %s (%s) is already in use%s\n' "$_C_RED" "$_C_OFF" "$port" "$name" \
        "${owner:+ by $owner}" >&2
      busy=1
    fi
  done
  [[ -z $busy ]] || die "refusing to start: stop what holds the port(s), or choose others with --terminology-port, --ministry-port, --provider-a-port, --provider-b-port, --keycloak-port"
}

[[ $(printf '%s\n' "${PORT[@]}" | sort -u | wc -l) == "${#PROCS[@]}" ]] || die "the five ports must differ"

mkdir -p "$LOG_DIR" "$RUN_DIR"
for name in "${PROCS[@]}"; do
  if pid=$(recorded_pid "$name"); then
    die "$name from an earlier demo.sh is still running with this data directory (PID $pid): stop it with ./demo.sh --stop${DATA_DIR:+ --data-dir $DATA_DIR}"
  fi
  rm -f "$(pid_file "$name")"
done
check_ports

if [[ -n $LOADING && -z $GENERATE ]]; then
  [[ -d $FROM_DIR ]] || die "no sample data folder $FROM_DIR: give one with --from DIR, or use --generate"
  compgen -G "$FROM_DIR/*.json" >/dev/null || die "no *.json bundle in $FROM_DIR"
fi

# ---------------------------------------------------------------------------------------------
# build

BUILD_STAMP=$ROOT/target/.demo-build-stamp
needed_jars=("${JAR[terminology]}" "${JAR[ministry]}" "${JAR[provider-a]}" "$KEYCLOAK_EXTENSION_JAR")
bench_in_reactor=
if [[ -n $LOADING ]] && reactor_modules "$ROOT" | grep -qx bench; then
  bench_in_reactor=1
  needed_jars+=("$BENCH_JAR")
fi

reason=
if [[ $BUILD == always ]]; then
  reason="--build was given"
elif reason=$(build_reason "$ROOT" "$BUILD_STAMP" "${needed_jars[@]}"); then
  [[ $BUILD != never ]] || { [[ $reason != *missing ]] || die "$reason (and --no-build was given)"; reason=; }
else
  reason=
fi
if [[ -n $reason ]]; then
  require_mvn "to build the servers"
  build_log=$LOG_DIR/build.log
  log "building ($reason): mvn -B -q -DskipTests install   (log: $build_log; takes a few minutes the first time)"
  started=$(now_ms)
  (cd "$ROOT" && exec mvn -B -q -DskipTests install) >"$build_log" 2>&1 </dev/null &
  HELPER_PID=$!
  rc=0
  wait "$HELPER_PID" || rc=$?
  HELPER_PID=
  ((rc == 0)) || { show_log_tail "$build_log"; die "the build failed (exit $rc; log: $build_log)"; }
  mkdir -p "$ROOT/target"
  touch "$BUILD_STAMP"
  ok "built in $(fmt_secs $(($(now_ms) - started)))"
fi
for jar in "${needed_jars[@]}"; do
  [[ -f $jar ]] || die "$jar is missing after the build"
done
if [[ -n $LOADING && ! -f $BENCH_JAR ]]; then
  if [[ -n $bench_in_reactor ]]; then
    die "the sample loader $BENCH_JAR is missing after the build"
  fi
  die "the sample loader $BENCH_JAR is missing and module bench is not in the build (pom.xml <modules>); build it with: mvn -B -q -DskipTests -f bench/pom.xml install"
fi

# ---------------------------------------------------------------------------------------------
# sample data (before the servers start: Synthea is CPU-hungry and its failures come early)

LOAD_DIR=$FROM_DIR
if [[ -n $LOADING && -n $GENERATE ]]; then
  max=$((PATIENTS_A > PATIENTS_B ? PATIENTS_A : PATIENTS_B))
  synthea_generate "$ROOT" "$DATA_DIR" "$max" "$SEED"
  LOAD_DIR=$DATA_DIR/synthea/fhir
fi

# ---------------------------------------------------------------------------------------------
# Keycloak distribution (unpacked once under the data directory)

keycloak_unpack "$DATA_DIR/keycloak" "$KEYCLOAK_VERSION" # sets KEYCLOAK_HOME

# ---------------------------------------------------------------------------------------------
# start

# The servers run from their jars extracted once per build: Spring Boot's launcher reopens its jar by path, so a
# `mvn install` during the demo would otherwise crash the servers with NoClassDefFoundError, and a class-data sharing
# archive maps plain jars only. The first start of each extracted jar records the classes it loads (one server per
# jar: both providers share one); the archive is made from that list once everything is ready.
declare -A RUN_JAR=() CDS_OPTS=()
CDS_PENDING=() # extracted jars whose class list this start records
JDK_ID=$(jdk_id)
for name in "${SERVERS[@]}"; do RUN_JAR[$name]=${JAR[$name]}; done
if [[ -n $COPY_JARS ]]; then
  for name in "${SERVERS[@]}"; do
    app_dir=$RUN_DIR/app/$(basename "${JAR[$name]}" .jar)
    RUN_JAR[$name]=$(app_extract "${JAR[$name]}" "$app_dir") || exit 1
    if [[ -f $(cds_archive "$app_dir" "$JDK_ID") ]]; then
      CDS_OPTS[$name]=-XX:SharedArchiveFile=$(cds_archive "$app_dir" "$JDK_ID")
    elif [[ " ${CDS_PENDING[*]} " != *" ${RUN_JAR[$name]} "* ]]; then
      CDS_OPTS[$name]=-XX:DumpLoadedClassList=$(cds_class_list "$app_dir" "$JDK_ID")
      CDS_PENDING+=("${RUN_JAR[$name]}")
    fi
  done
fi

server_args() { # NAME: the server's command line after `java`
  local name=$1
  # Serial GC: four JVMs start at once on a small machine, and G1's parallel GC threads make
  # them compete for the cores (measured on 2 cores: ready in about 120 s instead of about 170 s).
  local args=("-Xmx$HEAP" -XX:+UseSerialGC)
  [[ -n ${CDS_OPTS[$name]:-} ]] && args+=("${CDS_OPTS[$name]}")
  [[ -n $FULL_JIT ]] || args+=(-XX:TieredStopAtLevel=1)
  if [[ -n ${SIHHA_JAVA_OPTS:-} ]]; then
    local extra
    read -r -a extra <<<"$SIHHA_JAVA_OPTS"
    args+=("${extra[@]}")
  fi
  args+=(-jar "${RUN_JAR[$name]}" "--server.port=${PORT[$name]}")
  if [[ $name == terminology ]]; then
    args+=("--sihha.terminology.data-dir=$DATA_DIR/terminology" "--sihha.terminology.seed-dir=$TERMINOLOGY_SEED"
      "--sihha.security.issuer=$(base_url keycloak)/realms/$KEYCLOAK_REALM")
    printf '%s\0' "${args[@]}"
    return
  fi
  # the ministry and the providers each hold a replica of the terminology server's content, fetched with
  # client-credentials tokens of their own confidential client (the realm's demo secret), and take only tokens of
  # the demo's Keycloak
  args+=("--sihha.terminology.replica.source-url=$(base_url terminology)/fhir"
    "--sihha.terminology.replica.client-secret=$name-demo-secret"
    "--sihha.terminology.replica.token-endpoint=$(base_url keycloak)/realms/$KEYCLOAK_REALM/protocol/openid-connect/token"
    "--sihha.security.issuer=$(base_url keycloak)/realms/$KEYCLOAK_REALM")
  if [[ $name == ministry ]]; then
    args+=("--sihha.fhir.data-dir=$DATA_DIR/ministry")
    if [[ ${PORT[provider-a]} != 8081 || ${PORT[provider-b]} != 8082 ]]; then
      # the ministry's list of providers (application.yaml) names their default ports;
      # a list is replaced as a whole by a higher property source, so give every field
      local i=0 p
      for p in provider-a provider-b; do
        args+=("--sihha.ministry.providers[$i].id=$p"
          "--sihha.ministry.providers[$i].name=${DISPLAY_NAME[$p]}"
          "--sihha.ministry.providers[$i].fhir-base=$(base_url "$p")/fhir")
        i=$((i + 1))
      done
    fi
  else
    # profile keycloak: the provider also keeps its practitioners' accounts in the realm
    args+=(--spring.profiles.active=keycloak "--sihha.provider.id=$name" "--sihha.provider.name=${DISPLAY_NAME[$name]}"
      "--sihha.fhir.data-dir=$DATA_DIR/$name"
      "--sihha.provider.ministry-ingest-url=$(base_url ministry)/ingest")
  fi
  printf '%s\0' "${args[@]}"
}

check_ports # again: the build or the generation may have taken minutes
START_MS=$(now_ms)
declare -A READY_MS=()
logfile=$LOG_DIR/keycloak.log
[[ -f $logfile ]] && mv -f "$logfile" "$logfile.prev"
keycloak_prepare "$KEYCLOAK_HOME" "$KEYCLOAK_REALM_JSON" "$KEYCLOAK_EXTENSION_JAR"
keycloak_jit=
[[ -n $FULL_JIT ]] || keycloak_jit=-XX:TieredStopAtLevel=1
(cd "$KEYCLOAK_HOME" && JAVA_HOME=$(java_home) JAVA_OPTS_KC_HEAP="-Xms64m -Xmx$HEAP" JAVA_OPTS_APPEND=$keycloak_jit \
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin exec "$KEYCLOAK_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 "--http-port=${PORT[keycloak]}" --import-realm) \
  >"$logfile" 2>&1 </dev/null &
SERVER_PID[keycloak]=$!
printf '%s\n' "${SERVER_PID[keycloak]}" >"$(pid_file keycloak)"
log "started keycloak on port ${PORT[keycloak]} (PID ${SERVER_PID[keycloak]}, log: $logfile)"
# the realm is imported disabled: the set-up step creates its admin permissions, then enables it
keycloak_setup "$ROOT" "$(base_url keycloak)" admin admin "$KEYCLOAK_REALM" "$LOG_DIR/keycloak-setup.log"
for name in "${SERVERS[@]}"; do
  logfile=$LOG_DIR/$name.log
  [[ -f $logfile ]] && mv -f "$logfile" "$logfile.prev"
  mapfile -d '' -t args < <(server_args "$name")
  (cd "$ROOT" && exec "$JAVA" "${args[@]}") >"$logfile" 2>&1 </dev/null &
  SERVER_PID[$name]=$!
  printf '%s\n' "${SERVER_PID[$name]}" >"$(pid_file "$name")"
  log "started $name on port ${PORT[$name]} (PID ${SERVER_PID[$name]}, log: $logfile)"
done

# ---------------------------------------------------------------------------------------------
# wait for readiness

server_died() { # NAME PHASE
  local name=$1 rc=0
  wait "${SERVER_PID[$name]}" 2>/dev/null || rc=$?
  unset "SERVER_PID[$name]"
  rm -f "$(pid_file "$name")"
  printf '%s[demo] ERROR:%s %s exited (status %s) %s\n' "$_C_RED" "$_C_OFF" "$name" "$rc" "$2" >&2
  show_log_tail "$LOG_DIR/$name.log" 40
  die "$name died $2; stopping the others"
}

log "waiting up to $TIMEOUT s for readiness ($(ready_url ministry), $(ready_url keycloak), ...)"
deadline=$((START_MS + TIMEOUT * 1000))
while :; do
  waiting=()
  for name in "${PROCS[@]}"; do
    [[ -n ${READY_MS[$name]:-} ]] && continue
    proc_alive "${SERVER_PID[$name]}" || server_died "$name" "during start-up"
    if is_ready "$name"; then
      READY_MS[$name]=$(($(now_ms) - START_MS))
      ok "$name is ready after $(fmt_secs "${READY_MS[$name]}")"
    else
      waiting+=("$name")
    fi
  done
  ((${#waiting[@]} > 0)) || break
  if (($(now_ms) > deadline)); then
    for name in "${waiting[@]}"; do show_log_tail "$LOG_DIR/$name.log" 20; done
    die "not ready after $TIMEOUT s: ${waiting[*]} (raise --timeout?)"
  fi
  nap 1
done
ALL_READY_MS=$(($(now_ms) - START_MS))

# ---------------------------------------------------------------------------------------------
# report

{
  printf '\n%sSihha HIE is ready%s: all four servers and Keycloak in %s (started in parallel)\n\n' "$_C_BOLD" "$_C_OFF" "$(fmt_secs "$ALL_READY_MS")"
  printf '  %-11s %-9s %-7s %-31s %-52s %s\n' server "ready in" PID "FHIR base" "health (readiness)" "metrics (Prometheus)"
  for name in "${SERVERS[@]}"; do
    url=$(base_url "$name")
    printf '  %-11s %-9s %-7s %-31s %-52s %s\n' "$name" "$(fmt_secs "${READY_MS[$name]}")" "${SERVER_PID[$name]}" \
      "$url/fhir" "$url/actuator/health/readiness" "$url/actuator/prometheus"
  done
  printf '  %-11s %-9s %-7s %s    %s\n' keycloak "$(fmt_secs "${READY_MS[keycloak]}")" "${SERVER_PID[keycloak]}" \
    "$(base_url keycloak)/realms/$KEYCLOAK_REALM" "admin console: $(base_url keycloak)/admin (admin/admin, demo only)"
  printf '\n  ministry ingest: %s/ingest    logs: %s/<server>.log    data: %s\n\n' "$(base_url ministry)" "$LOG_DIR" "$DATA_DIR"
} >&2

# ---------------------------------------------------------------------------------------------
# sample patients

LOAD_FAILED=
load_patients() { # NAME COUNT
  local name=$1 count=$2 loadlog=$LOG_DIR/load-$1.log started rc=0
  log "loading $count sample patient(s) from $LOAD_DIR into $name (log: $loadlog)"
  started=$(now_ms)
  run_logged "$loadlog" "$JAVA" "-Dloader.main=$LOADER_MAIN" -jar "$BENCH_JAR" \
    --base "$(base_url "$name")/fhir" --dir "$LOAD_DIR" --count "$count" \
    --token-endpoint "$(base_url keycloak)/realms/$KEYCLOAK_REALM/protocol/openid-connect/token" \
    --client-id "${BACKEND_CLIENT[$name]}" --key "$ROOT/keycloak/realm/${BACKEND_CLIENT[$name]}.demo-key.pem" \
    --key-id "${BACKEND_CLIENT[$name]}-demo" || rc=$?
  if ((rc == 0)); then
    tail -n 5 "$loadlog" >&2 || true
    ok "loaded into $name in $(fmt_secs $(($(now_ms) - started)))"
  else
    show_log_tail "$loadlog" 40
    warn "loading into $name failed (exit $rc); the servers keep running"
    LOAD_FAILED=1
  fi
}
((PATIENTS_A > 0)) && load_patients provider-a "$PATIENTS_A"
((PATIENTS_B > 0)) && load_patients provider-b "$PATIENTS_B"

# cds_dump_all: the archives of the extracted jars whose class list this start recorded, one after the other
cds_dump_all() {
  local jar dir started
  for jar in "${CDS_PENDING[@]}"; do
    dir=$(dirname "$jar")
    started=$(now_ms)
    if cds_dump "$jar" "$dir" "$JDK_ID" "$LOG_DIR/cds-$(basename "$dir").log"; then
      log "class-data sharing archive of ${jar##*/} made in $(fmt_secs $(($(now_ms) - started)))"
    else
      warn "no class-data sharing archive for ${jar##*/} (log: $LOG_DIR/cds-$(basename "$dir").log); later starts load its classes as usual"
    fi
  done
}

if [[ -n $EXIT_WHEN_READY ]]; then
  log "--exit-when-ready: stopping"
  stop_servers
  if ((${#CDS_PENDING[@]} > 0)); then
    log "making the class-data sharing archives for the next start"
    cds_dump_all
  fi
  [[ -z $LOAD_FAILED ]] || exit 1
  STOPPING=1
  exit 0
fi

if ((${#CDS_PENDING[@]} > 0)); then
  log "making class-data sharing archives for the next start, in the background at the lowest CPU priority"
  (
    trap - EXIT INT TERM HUP
    renice -n 19 -p "$BASHPID" >/dev/null 2>&1 || true
    cds_dump_all
  ) </dev/null &
  CDS_PID=$!
fi

# ---------------------------------------------------------------------------------------------
# foreground until a signal (or a server dies)

log "running; press Ctrl-C to stop (or: kill $$)"
while :; do
  for name in "${PROCS[@]}"; do
    proc_alive "${SERVER_PID[$name]}" || server_died "$name" "while running"
  done
  if [[ -n $CDS_PID ]] && ! proc_alive "$CDS_PID"; then
    wait "$CDS_PID" 2>/dev/null || true
    CDS_PID=
  fi
  nap 2
done
