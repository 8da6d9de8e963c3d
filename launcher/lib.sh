# shellcheck shell=bash
# Shell functions used by ../demo.sh (sourced, not executed).
#
# Conventions: the caller runs with `set -euo pipefail`; functions report on stderr through
# log/warn/die; child processes the caller must stop on exit are registered with track_pid.

# ---------------------------------------------------------------------------------------------
# output

if [[ -t 2 ]]; then
  _C_BOLD=$'\e[1m' _C_RED=$'\e[31m' _C_YEL=$'\e[33m' _C_GRN=$'\e[32m' _C_OFF=$'\e[0m'
else
  _C_BOLD='' _C_RED='' _C_YEL='' _C_GRN='' _C_OFF=''
fi

log() { printf '%s[demo]%s %s\n' "$_C_BOLD" "$_C_OFF" "$*" >&2; }
ok() { printf '%s[demo]%s %s%s%s\n' "$_C_BOLD" "$_C_OFF" "$_C_GRN" "$*" "$_C_OFF" >&2; }
warn() { printf '%s[demo] WARNING:%s %s\n' "$_C_YEL" "$_C_OFF" "$*" >&2; }
die() {
  printf '%s[demo] ERROR:%s %s\n' "$_C_RED" "$_C_OFF" "$*" >&2
  exit 1
}

# show_log_tail FILE [LINES]: the end of a log, framed, on stderr
show_log_tail() {
  local file=$1 lines=${2:-40}
  if [[ -f $file ]]; then
    printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2 || true
    printf -- '----- end of %s -----\n' "$file" >&2
  else
    printf -- '(no log at %s)\n' "$file" >&2
  fi
}

# ---------------------------------------------------------------------------------------------
# arguments and paths

is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }

# abs_path PATH: PATH made absolute against the current directory (the path need not exist)
abs_path() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$PWD" "${1#./}" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# time

# now_ms: wall clock in milliseconds
now_ms() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    local t=${EPOCHREALTIME/[.,]/}
    printf '%s\n' "${t:0:${#t}-3}"
  else
    printf '%s000\n' "$(date +%s)"
  fi
}

# fmt_secs MS: "12.3 s"
fmt_secs() { printf '%d.%d s' "$(($1 / 1000))" "$((($1 % 1000) / 100))"; }

# ---------------------------------------------------------------------------------------------
# prerequisites

# require_java: sets JAVA to a Java 17+ launcher ($JAVA_HOME/bin/java first, else java on PATH)
require_java() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    JAVA=$JAVA_HOME/bin/java
  elif command -v java >/dev/null 2>&1; then
    JAVA=$(command -v java)
  else
    die "java not found: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
  fi
  local version major
  version=$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  [[ -n $version ]] || die "could not tell the version of $JAVA ('$JAVA -version' printed no version)"
  major=${version%%[.+-]*}
  if [[ $major == 1 ]]; then # 1.8.0_x style
    major=${version#1.}
    major=${major%%.*}
  fi
  if ! is_uint "$major" || ((major < 17)); then
    die "Java 17 or newer is needed, but $JAVA is version $version (set JAVA_HOME to a JDK 17+)"
  fi
}

require_mvn() {
  command -v mvn >/dev/null 2>&1 ||
    die "mvn (Apache Maven 3.6.3+) not found but needed $1: install it (e.g. apt-get install maven)"
}

require_curl() {
  command -v curl >/dev/null 2>&1 || die "curl not found: install it (e.g. apt-get install curl)"
}

require_jq() {
  command -v jq >/dev/null 2>&1 || die "jq not found (the Keycloak realm's set-up step needs it): install it (e.g. apt-get install jq)"
}

# ---------------------------------------------------------------------------------------------
# processes

# pids the caller must stop on exit
TRACKED_PIDS=()
track_pid() { TRACKED_PIDS+=("$1"); }

# proc_alive PID: true while PID runs (a zombie, i.e. exited but not yet reaped, counts as gone)
proc_alive() {
  local pid=$1 stat
  kill -0 "$pid" 2>/dev/null || return 1
  if stat=$(ps -o stat= -p "$pid" 2>/dev/null); then
    [[ -n $stat && $stat != Z* ]]
  elif [[ -r /proc/$pid/stat ]]; then
    stat=$(</proc/"$pid"/stat)
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
  else
    return 0
  fi
}

# stop_pids GRACE_SECONDS PID...: SIGTERM, wait up to GRACE_SECONDS, then SIGKILL; reaps children
stop_pids() {
  local grace=$1 pid alive waited=0
  shift
  local pids=()
  for pid in "$@"; do
    if proc_alive "$pid"; then
      pids+=("$pid")
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  while ((${#pids[@]} > 0)); do
    alive=()
    for pid in "${pids[@]}"; do
      proc_alive "$pid" && alive+=("$pid")
    done
    pids=("${alive[@]+"${alive[@]}"}")
    ((${#pids[@]} > 0)) || break
    if ((waited >= grace * 2)); then
      warn "still running after ${grace} s, killing: ${pids[*]}"
      for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
      break
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  # reap our own children (no-op for processes that are not)
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}

# NAP_PID: the sleep behind nap, so that the exit trap can end it too
NAP_PID=
# nap SECONDS: a sleep that a trapped signal interrupts at once (a plain `sleep` delays the trap)
nap() {
  sleep "$1" &
  NAP_PID=$!
  wait "$NAP_PID" 2>/dev/null || true
  NAP_PID=
}

# HELPER_PID: the build, generator or loader process run by run_logged
HELPER_PID=
# run_logged LOGFILE CMD...: runs CMD with its output in LOGFILE, in the background so that
# a signal is handled at once (the exit trap stops HELPER_PID); returns CMD's exit status.
run_logged() {
  local logfile=$1 rc=0
  shift
  "$@" >"$logfile" 2>&1 </dev/null &
  HELPER_PID=$!
  wait "$HELPER_PID" || rc=$?
  HELPER_PID=
  return "$rc"
}

# ---------------------------------------------------------------------------------------------
# ports and HTTP

# port_in_use PORT: true if something accepts TCP connections on 127.0.0.1:PORT or holds it
port_in_use() {
  local port=$1
  if command -v ss >/dev/null 2>&1 &&
    ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
    return 0
  fi
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# port_owner PORT: a short description of the process listening on PORT, if it can be told
port_owner() {
  local port=$1 line
  if command -v ss >/dev/null 2>&1; then
    line=$(ss -Hltnp "sport = :$port" 2>/dev/null | head -n 1 | sed -n 's/.*users:((\(.*\)))/\1/p')
    [[ -n $line ]] && printf '%s\n' "$line" && return 0
  fi
  if command -v lsof >/dev/null 2>&1; then
    lsof -nP -iTCP:"$port" -sTCP:LISTEN 2>/dev/null | awk 'NR == 2 {print $1 " pid=" $2}'
  fi
}

# http_ready URL: true if URL answers 200 with a top-level "status":"UP"
http_ready() {
  local body
  body=$(curl -sS -m 3 -w '\n%{http_code}' "$1" 2>/dev/null) || return 1
  [[ ${body##*$'\n'} == 200 ]] || return 1
  [[ ${body%$'\n'*} =~ ^[[:space:]]*\{[[:space:]]*\"status\"[[:space:]]*:[[:space:]]*\"UP\" ]]
}

# ---------------------------------------------------------------------------------------------
# build

# reactor_modules ROOT: the <module> entries of ROOT/pom.xml
reactor_modules() {
  sed -n 's:.*<module>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</module>.*:\1:p' "$1/pom.xml"
}

# build_reason ROOT STAMP JAR...: prints why a build is needed (and succeeds), or fails if the
# jars are up to date. A source or pom newer than a jar counts only if it is also newer than
# STAMP (touched after each build by this script), since Maven may leave an unchanged jar as is.
build_reason() {
  local root=$1 stamp=$2 jar module newer
  shift 2
  for jar in "$@"; do
    if [[ ! -f $jar ]]; then
      printf '%s is missing\n' "${jar#"$root"/}"
      return 0
    fi
  done
  local inputs=("$root/pom.xml")
  while IFS= read -r module; do
    [[ -f $root/$module/pom.xml ]] && inputs+=("$root/$module/pom.xml")
    [[ -d $root/$module/src ]] && inputs+=("$root/$module/src")
  done < <(reactor_modules "$root")
  local stamp_test=()
  [[ -f $stamp ]] && stamp_test=(-newer "$stamp")
  for jar in "$@"; do
    # node_modules under src/test: what the browser tests install, not a build input
    newer=$(find "${inputs[@]}" -path '*/node_modules' -prune -o -type f -newer "$jar" \
      "${stamp_test[@]+"${stamp_test[@]}"}" -print -quit 2>/dev/null)
    if [[ -n $newer ]]; then
      printf '%s is newer than %s\n' "${newer#"$root"/}" "${jar#"$root"/}"
      return 0
    fi
  done
  return 1
}

# ---------------------------------------------------------------------------------------------
# Synthea (its own JVM: it bundles a HAPI FHIR version different from the servers')

SYNTHEA_MAIN=App                  # Synthea 3.3.0's command-line entry point (default package)
SYNTHEA_REFERENCE_DATE=20250101   # fixed reference/end date, so that a seed gives the same patients

# synthea_classpath ROOT CACHE_FILE: makes sure CACHE_FILE holds Synthea's runtime classpath
synthea_classpath() {
  local root=$1 cache=$2 pom=$1/launcher/synthea/pom.xml entry stale=
  if [[ -s $cache && $cache -nt $pom ]]; then
    local entries
    IFS=: read -r -a entries <"$cache"
    for entry in "${entries[@]}"; do
      [[ -e $entry ]] || { stale=1 && break; }
    done
    [[ -z $stale ]] && return 0
  fi
  require_mvn "to download Synthea"
  log "resolving Synthea 3.3.0 and its dependencies from Maven Central (first time: about a minute)"
  local mvnlog=${cache%.txt}.mvn.log
  rm -f "$cache"
  run_logged "$mvnlog" mvn -B -q -f "$pom" dependency:build-classpath "-Dmdep.outputFile=$cache" ||
    { show_log_tail "$mvnlog"; die "could not resolve Synthea's classpath (log: $mvnlog)"; }
  [[ -s $cache ]] || { show_log_tail "$mvnlog"; die "mvn wrote no classpath to $cache"; }
}

# synthea_generate ROOT DATA_DIR COUNT SEED: makes DATA_DIR/synthea/fhir hold Synthea's bundles
# for COUNT patients of SEED (reused if an earlier run made at least as many with that seed)
synthea_generate() {
  local root=$1 data=$2 count=$3 seed=$4
  local out=$data/synthea stamp=$data/synthea/.sihha-generated
  if [[ -f $stamp ]]; then
    local old_seed='' old_count=''
    old_seed=$(sed -n 's/^seed=//p' "$stamp")
    old_count=$(sed -n 's/^count=//p' "$stamp")
    if [[ $old_seed == "$seed" ]] && is_uint "$old_count" && ((old_count >= count)) &&
      compgen -G "$out/fhir/*.json" >/dev/null; then
      log "reusing $old_count generated patients (seed $seed) in $out/fhir"
      return 0
    fi
  fi
  local cp_file=$data/synthea-classpath.txt
  synthea_classpath "$root" "$cp_file"
  rm -rf "$out"
  mkdir -p "$out"
  local genlog=$data/logs/synthea.log started
  log "generating $count patient(s) with Synthea, seed $seed (about 10-30 s per patient; log: $genlog)"
  started=$(now_ms)
  # -o false: exactly COUNT people (some may be deceased) rather than COUNT living ones plus the dead
  (cd "$out" && exec "$JAVA" -Xmx2g -cp "$(<"$cp_file")" "$SYNTHEA_MAIN" \
    -p "$count" -s "$seed" -cs "$seed" -o false \
    -r "$SYNTHEA_REFERENCE_DATE" -e "$SYNTHEA_REFERENCE_DATE" \
    "--exporter.baseDirectory=$out" \
    --exporter.fhir.export=true \
    --exporter.fhir.transaction_bundle=true \
    --exporter.hospital.fhir.export=true \
    --exporter.practitioner.fhir.export=true \
    --exporter.csv.export=false --exporter.text.export=false --exporter.ccda.export=false) \
    >"$genlog" 2>&1 </dev/null &
  HELPER_PID=$!
  local rc=0
  wait "$HELPER_PID" || rc=$?
  HELPER_PID=
  ((rc == 0)) || { show_log_tail "$genlog"; die "Synthea failed (exit $rc; log: $genlog)"; }
  compgen -G "$out/fhir/*.json" >/dev/null || { show_log_tail "$genlog"; die "Synthea wrote no bundle to $out/fhir"; }
  printf 'seed=%s\ncount=%s\n' "$seed" "$count" >"$stamp"
  ok "generated $(grep -c '^[0-9]* -- ' "$genlog" || true) patient record(s) in $(fmt_secs $(($(now_ms) - started))) into $out/fhir"
}

# ---------------------------------------------------------------------------------------------
# server jars: extracted, with a class-data sharing archive

# jdk_id: a short tag of $JAVA's build, so that an archive made by another JDK is never offered to this one
jdk_id() { { "$JAVA" -version 2>&1; readlink -f "$JAVA"; } | cksum | cut -d ' ' -f 1; }

# app_extract JAR DIR: DIR holds JAR as Spring Boot's jar tools extract it (DIR/<jar name> and DIR/lib/), redone
# only when JAR changed (size, time or path); prints the path of the extracted jar
app_extract() {
  local jar=$1 dir=$2 source out
  source="$(stat -c '%s %Y' "$jar") $jar"
  if [[ ! -f $dir/.source || $(<"$dir/.source") != "$source" ]]; then
    log "extracting ${jar##*/} into $dir (once per build)"
    rm -rf "$dir" "$dir.tmp"
    out=$("$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dir.tmp" 2>&1) ||
      die "could not extract $jar: $out"
    mv "$dir.tmp" "$dir"
    printf '%s\n' "$source" >"$dir/.source"
  fi
  printf '%s/%s\n' "$dir" "${jar##*/}"
}

# cds_archive DIR JDK_ID / cds_class_list DIR JDK_ID: where an extracted app's archive and the list of classes its
# first start loaded (-XX:DumpLoadedClassList) are kept
cds_archive() { printf '%s/cds-%s.jsa\n' "$1" "$2"; }
cds_class_list() { printf '%s/cds-%s.classes\n' "$1" "$2"; }

# cds_dump JAR DIR JDK_ID LOGFILE: builds DIR's archive from its recorded class list with the JDK's static dump
# (-Xshare:dump; the dynamic -XX:ArchiveClassesAtExit crashes JDK 17.0.15 on these apps)
cds_dump() {
  local jar=$1 dir=$2 id=$3 logfile=$4 list archive
  list=$(cds_class_list "$dir" "$id")
  archive=$(cds_archive "$dir" "$id")
  if [[ ! -s $list ]]; then
    printf 'no class list at %s: the start that should have recorded it did not\n' "$list" >"$logfile"
    return 1
  fi
  # The last line may be half written by a server still running. Lambda proxies are left out: the dump crashes on
  # them (SIGSEGV in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary), and they are a small part.
  head -n -1 "$list" | grep -v '^@lambda-proxy ' >"$list.dump" || true
  "$JAVA" -Xmx1g -Xshare:dump "-XX:SharedClassListFile=$list.dump" "-XX:SharedArchiveFile=$archive.tmp" \
    -jar "$jar" >"$logfile" 2>&1 </dev/null || { rm -f "$list.dump" "$archive.tmp"; return 1; }
  mv "$archive.tmp" "$archive"
  rm -f "$list.dump" "$list"
}

# ---------------------------------------------------------------------------------------------
# Keycloak

# child_pids PID: the PIDs of PID's direct children, one a line
child_pids() { ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' ' || true; }

# http_ok URL: true if URL answers 200
http_ok() { [[ $(curl -sS -m 3 -o /dev/null -w '%{http_code}' "$1" 2>/dev/null) == 200 ]]; }

# java_home: the Java home of $JAVA (kc.sh runs the java of JAVA_HOME)
java_home() { dirname "$(dirname "$(readlink -f "$JAVA")")"; }

# keycloak_unpack DIR VERSION: sets KEYCLOAK_HOME to DIR/keycloak-VERSION, unpacking
# org.keycloak:keycloak-quarkus-dist:VERSION:zip there first if needed (from the local Maven
# repository, or fetched with mvn into DIR)
KEYCLOAK_HOME=
keycloak_unpack() {
  local dir=$1 version=$2 zip
  KEYCLOAK_HOME=$dir/keycloak-$version
  [[ -x $KEYCLOAK_HOME/bin/kc.sh ]] && return 0
  zip=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}/org/keycloak/keycloak-quarkus-dist/$version/keycloak-quarkus-dist-$version.zip
  mkdir -p "$dir"
  if [[ ! -f $zip ]]; then
    zip=$dir/keycloak-quarkus-dist-$version.zip
    if [[ ! -f $zip ]]; then
      require_mvn "to download Keycloak"
      log "downloading Keycloak $version from Maven Central (about 150 MB)"
      run_logged "$dir/download.log" mvn -B -q dependency:copy \
        "-Dartifact=org.keycloak:keycloak-quarkus-dist:$version:zip" "-DoutputDirectory=$dir" ||
        { show_log_tail "$dir/download.log"; die "could not download Keycloak (log: $dir/download.log)"; }
    fi
  fi
  command -v unzip >/dev/null 2>&1 || die "unzip not found: install it (apt-get install unzip) to unpack Keycloak"
  log "unpacking Keycloak $version into $dir"
  rm -rf "$dir/.unpacking"
  unzip -q "$zip" -d "$dir/.unpacking" || die "could not unpack $zip"
  mv "$dir/.unpacking/keycloak-$version" "$KEYCLOAK_HOME"
  rm -rf "$dir/.unpacking"
  [[ -x $KEYCLOAK_HOME/bin/kc.sh ]] || die "no bin/kc.sh in $zip"
}

# keycloak_realm_ready URL REALM: true once the realm is set up. It is imported disabled and
# keycloak/setup-permissions.sh enables it last, so ready is when its token endpoint, asked for a
# token without client credentials, answers 401 (403 while the realm is disabled, 404 before import).
keycloak_realm_ready() {
  [[ $(curl -sS -m 3 -o /dev/null -w '%{http_code}' -d grant_type=client_credentials \
    "$1/realms/$2/protocol/openid-connect/token" 2>/dev/null) == 401 ]]
}

# keycloak_setup ROOT URL ADMIN PASSWORD REALM LOGFILE: runs the realm's set-up step
# (keycloak/setup-permissions.sh: the admin permissions, then the realm enabled) in the background,
# once the realm is imported (the script waits for it); sets SETUP_PID
SETUP_PID=
keycloak_setup() {
  local root=$1 url=$2 admin=$3 password=$4 realm=$5 logfile=$6
  command -v jq >/dev/null 2>&1 || die "jq not found but needed to set the realm up: install it (apt-get install jq)"
  bash "$root/keycloak/setup-permissions.sh" "$url" "$admin" "$password" "$realm" >"$logfile" 2>&1 </dev/null &
  SETUP_PID=$!
}

# keycloak_prepare HOME REALM_JSON PROVIDER_JAR: a fresh dev database, REALM_JSON to import on start
# (the realm is code: edits in the admin console last until the next start), PROVIDER_JAR deployed
keycloak_prepare() {
  local home=$1 realm=$2 jar=$3
  rm -rf "$home/data"
  mkdir -p "$home/data/import" "$home/providers"
  cp "$realm" "$home/data/import/"
  rm -f "$home/providers/${jar##*/}"
  cp -p "$jar" "$home/providers/"
}
