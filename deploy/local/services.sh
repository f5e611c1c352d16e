#!/usr/bin/env bash
# CryptoRun local services: a private PostgreSQL cluster and a single-node KRaft Kafka broker on
# loopback, provisioned from nothing (no Docker), idempotent, and only ever stopping what was
# started from this state dir. The system cluster "15 main" is never used or touched.
#
# CLI:      deploy/local/services.sh up|down|status|env [pg] [kafka]     (no names = both)
#           status exits 0 when every named service runs, 3 otherwise.
# Library:  source deploy/local/services.sh
#           services_up pg kafka        # appends what it really started to $SERVICES_STARTED
#           eval "$(services_env)"
#           services_down $SERVICES_STARTED
#           services_kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server ... --list
#
# Settings (environment):
#   CRYPTORUN_LOCAL        state root (default <repo>/.local)
#   CRYPTORUN_PG_PORT      PostgreSQL port (default 15432)
#   CRYPTORUN_KAFKA_PORT   Kafka PLAINTEXT port (default 19092); the KRaft controller uses port+1
#   CRYPTORUN_PG_BIN       PostgreSQL server binaries (default /usr/lib/postgresql/15/bin)
#   CRYPTORUN_KAFKA_WAIT   seconds to wait for the broker to answer (default 60)
# services_env prints: CRYPTORUN_PG_URL CRYPTORUN_PG_USER CRYPTORUN_PG_PASSWORD CRYPTORUN_KAFKA_BOOTSTRAP
#
# Written to be sourced by scripts running `set -euo pipefail`: every step checks its own errors
# (set -e is not in force inside functions called from `if`/`||`), nothing here changes shell options.

SVC_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
SERVICES_STARTED=${SERVICES_STARTED:-}

# shellcheck source=deploy/local/lib.sh
source "$SVC_ROOT/deploy/local/lib.sh" # the shared helpers (cr_*); the _svc_ names stay for the callers
_svc_log() { cr_log services "$@"; }
_svc_fail() { cr_fail services "$@"; }
_svc_now() { cr_now; }
_svc_since() { cr_since "$1"; }
_svc_tail() { cr_tail services "$@"; } # file [lines]: show the end of a log after a failure

# Shows the log of the latest start only (logs are appended to, with a "==== <date> start ====" line per start).
_svc_tail_last_start() {
  [[ -f $1 ]] || return 0
  printf '[services] ---- end of %s (this start) ----\n' "$1" >&2
  awk '/^==== .* start ====$/ { n = 0; delete buf; next } { buf[n++] = $0 }
       END { for (i = (n > 40 ? n - 40 : 0); i < n; i++) print buf[i] }' "$1" >&2
  printf '[services] ----\n' >&2
}
# Appends a start marker to a log, first moving a log above 20 MB aside to <log>.1.
_svc_log_rotate() {
  if [[ -f $1 ]] && (( $(stat -c %s "$1") > 20 * 1024 * 1024 )); then mv -f "$1" "$1.1"; fi
  printf '\n==== %s start ====\n' "$(date -Is)" >>"$1"
}

# Reads the settings afresh on every public call, so callers may change them after sourcing.
_svc_init() {
  SVC_STATE=${CRYPTORUN_LOCAL:-$SVC_ROOT/.local}
  [[ $SVC_STATE == /* ]] || SVC_STATE=$PWD/$SVC_STATE
  SVC_PG_PORT=${CRYPTORUN_PG_PORT:-15432}
  SVC_KAFKA_PORT=${CRYPTORUN_KAFKA_PORT:-19092}
  [[ $SVC_PG_PORT =~ ^[0-9]+$ ]] || { _svc_fail "CRYPTORUN_PG_PORT is not a number: $SVC_PG_PORT"; return 1; }
  [[ $SVC_KAFKA_PORT =~ ^[0-9]+$ ]] || { _svc_fail "CRYPTORUN_KAFKA_PORT is not a number: $SVC_KAFKA_PORT"; return 1; }
  SVC_KAFKA_CTRL_PORT=$((SVC_KAFKA_PORT + 1))
  SVC_PG_BIN=${CRYPTORUN_PG_BIN:-}
  if [[ -z $SVC_PG_BIN ]]; then
    SVC_PG_BIN=/usr/lib/postgresql/15/bin
    if [[ ! -x $SVC_PG_BIN/initdb ]]; then # another major version, e.g. on a non-bookworm CI image
      local d
      for d in /usr/lib/postgresql/*/bin; do [[ -x $d/initdb ]] && SVC_PG_BIN=$d; done
    fi
  fi
  SVC_PG_DIR=$SVC_STATE/pg
  SVC_PG_DATA=$SVC_PG_DIR/data
  SVC_PG_LOG=$SVC_PG_DIR/postgres.log
  SVC_PG_SOCK=$SVC_PG_DIR/run
  # A unix socket path may not exceed 107 bytes; fall back to a short private dir under /tmp.
  if (( ${#SVC_PG_SOCK} + 20 > 107 )); then
    SVC_PG_SOCK=/tmp/cryptorun-pg-$(printf '%s' "$SVC_STATE" | md5sum | cut -c1-10)
  fi
  SVC_KAFKA_DIR=$SVC_STATE/kafka
  SVC_KAFKA_LIB=$SVC_KAFKA_DIR/lib
  SVC_KAFKA_DATA=$SVC_KAFKA_DIR/data
  SVC_KAFKA_LOG=$SVC_KAFKA_DIR/kafka.log
  SVC_KAFKA_PIDFILE=$SVC_KAFKA_DIR/kafka.pid
  SVC_KAFKA_WAIT=${CRYPTORUN_KAFKA_WAIT:-60}
  [[ $SVC_KAFKA_WAIT =~ ^[0-9]+$ ]] || { _svc_fail "CRYPTORUN_KAFKA_WAIT is not a number: $SVC_KAFKA_WAIT"; return 1; }
  SVC_JAVA=java
  [[ -n ${JAVA_HOME:-} && -x ${JAVA_HOME:-}/bin/java ]] && SVC_JAVA=$JAVA_HOME/bin/java
  # A Kafka command-line class runs as: "${SVC_KAFKA_TOOL[@]}" <main class> [args] (small, quick-start JVM).
  SVC_KAFKA_TOOL=("$SVC_JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
    "-Dlog4j.configuration=file:$SVC_KAFKA_DIR/tools-log4j.properties" -cp "$SVC_KAFKA_LIB/*")
  return 0
}

# True when something accepts TCP connections on 127.0.0.1:<port>.
_svc_port_busy() { cr_port_busy "$1"; }
# True when <pid> is a live (not zombie) process.
_svc_alive() { cr_alive "$1"; }

# One lock per state dir, so that concurrent up/down calls do not race. Children that outlive us
# must not inherit the descriptor (see {SVC_LOCK_FD}>&- at the launches), or the lock stays held.
SVC_LOCK_FD=
_svc_lock() {
  mkdir -p "$SVC_STATE" || { _svc_fail "cannot create state dir $SVC_STATE"; return 1; }
  exec {SVC_LOCK_FD}>>"$SVC_STATE/.services.lock"
  command -v flock >/dev/null 2>&1 || return 0
  if ! flock -w 300 "$SVC_LOCK_FD"; then
    exec {SVC_LOCK_FD}>&-
    _svc_fail "another services.sh holds $SVC_STATE/.services.lock for more than 300 s"
    return 1
  fi
}
_svc_unlock() { [[ -n $SVC_LOCK_FD ]] && exec {SVC_LOCK_FD}>&-; SVC_LOCK_FD=; return 0; }
_svc_close_lock() { [[ -z $SVC_LOCK_FD ]] || exec {SVC_LOCK_FD}>&-; }

# ---------------------------------------------------------------------------------------------
# PostgreSQL: private cluster in $STATE/pg/data, run as user postgres (the server refuses root).
# ---------------------------------------------------------------------------------------------

# Runs a PostgreSQL server tool as the cluster owner, from a directory postgres can read.
_svc_pg_as() {
  if (( EUID == 0 )); then
    (cd / && _svc_close_lock && runuser -u postgres -- "$@")
  else
    (cd / && _svc_close_lock && "$@")
  fi
}
_svc_pg_running() {
  [[ -f $SVC_PG_DATA/PG_VERSION ]] && _svc_pg_as "$SVC_PG_BIN/pg_ctl" -D "$SVC_PG_DATA" status >/dev/null 2>&1
}
_svc_pg_pid() { head -n 1 "$SVC_PG_DATA/postmaster.pid" 2>/dev/null; }
_svc_psql_super() { # superuser over the private unix socket (trust)
  "$SVC_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SVC_PG_SOCK" -p "$SVC_PG_PORT" -U postgres "$@"
}

_svc_pg_install() {
  [[ -x $SVC_PG_BIN/initdb ]] && return 0
  (( EUID == 0 )) || { _svc_fail "pg: no PostgreSQL server at $SVC_PG_BIN (install postgresql-15 as root, or set CRYPTORUN_PG_BIN)"; return 1; }
  command -v apt-get >/dev/null 2>&1 || { _svc_fail "pg: no PostgreSQL server at $SVC_PG_BIN and no apt-get to install it"; return 1; }
  mkdir -p "$SVC_STATE" || return 1
  local log=$SVC_STATE/apt-postgresql.log t0
  t0=$(_svc_now)
  _svc_log "pg: installing PostgreSQL server with apt-get (log $log)"
  # Debian's postinst also creates the system cluster "15 main"; we never use or touch it.
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; } >"$log" 2>&1; then
    _svc_tail "$log"
    _svc_fail "pg: apt-get install postgresql failed"
    return 1
  fi
  _svc_init || return 1
  [[ -x $SVC_PG_BIN/initdb ]] || { _svc_fail "pg: installed postgresql, yet no initdb at $SVC_PG_BIN (set CRYPTORUN_PG_BIN)"; return 1; }
  _svc_log "pg: installed in $(_svc_since "$t0") ($SVC_PG_BIN)"
}

# postgres must be able to traverse every directory above its data dir.
_svc_pg_traverse() {
  (( EUID == 0 )) || return 0
  runuser -u postgres -- test -x "$SVC_STATE" 2>/dev/null && return 0
  local d="" part parts
  IFS=/ read -ra parts <<<"${SVC_STATE#/}"
  for part in "${parts[@]}"; do
    [[ -n $part ]] || continue
    d+=/$part
    if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
      chmod o+x "$d" || { _svc_fail "pg: cannot make $d traversable for user postgres"; return 1; }
      _svc_log "pg: chmod o+x $d (user postgres must traverse it)"
    fi
  done
}

_svc_pg_write_conf() {
  # Rewritten on every start so that a changed port takes effect; included from postgresql.conf.
  cat >"$SVC_PG_DATA/cryptorun.conf" <<EOF || return 1
# Written by deploy/local/services.sh on every start; edits are overwritten.
listen_addresses = '127.0.0.1'
port = $SVC_PG_PORT
unix_socket_directories = '$SVC_PG_SOCK'
# XA / two-phase commit for the exactly-once JDBC sink.
max_prepared_transactions = 64
max_connections = 100
# Throw-away test cluster: durability traded for speed. Never copy these to a real server.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  (( EUID != 0 )) || chown postgres:postgres "$SVC_PG_DATA/cryptorun.conf"
  grep -q "cryptorun.conf" "$SVC_PG_DATA/postgresql.conf" ||
    printf "\ninclude_if_exists = 'cryptorun.conf'\n" >>"$SVC_PG_DATA/postgresql.conf"
}

# Creates role and database cryptorun (idempotent) and proves a password login over TCP. CREATEROLE
# lets tests make throwaway roles with secret passwords (SecretsNeverLoggedIT) on this private cluster.
_svc_pg_provision() {
  local out
  if ! out=$(_svc_psql_super -d postgres 2>&1 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cryptorun') THEN
    CREATE ROLE cryptorun LOGIN CREATEROLE PASSWORD 'cryptorun';
  ELSE
    ALTER ROLE cryptorun LOGIN CREATEROLE PASSWORD 'cryptorun';
  END IF;
END
$$;
SELECT 'CREATE DATABASE cryptorun OWNER cryptorun'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'cryptorun')\gexec
SQL
  ); then
    printf '%s\n' "$out" >&2
    _svc_fail "pg: creating role/database cryptorun failed"
    return 1
  fi
  if ! out=$(PGPASSWORD=cryptorun "$SVC_PG_BIN/psql" -X -tA -h 127.0.0.1 -p "$SVC_PG_PORT" -U cryptorun -d cryptorun \
      -c 'SHOW max_prepared_transactions' 2>&1); then
    printf '%s\n' "$out" >&2
    _svc_fail "pg: login as cryptorun over 127.0.0.1:$SVC_PG_PORT failed"
    return 1
  fi
  _svc_log "pg: role/database cryptorun ready (max_prepared_transactions=$out)"
}

_svc_pg_up() {
  SVC_DID_START=0
  _svc_pg_install || return 1
  if _svc_pg_running; then
    _svc_log "pg: already running (pid $(_svc_pg_pid)) on 127.0.0.1:$SVC_PG_PORT"
    _svc_pg_provision
    return
  fi
  if _svc_port_busy "$SVC_PG_PORT"; then
    _svc_fail "pg: port $SVC_PG_PORT is taken by a process not started from $SVC_STATE (set CRYPTORUN_PG_PORT)"
    return 1
  fi
  mkdir -p "$SVC_PG_DIR" "$SVC_PG_SOCK" || { _svc_fail "pg: cannot create $SVC_PG_DIR"; return 1; }
  if (( EUID == 0 )); then
    _svc_pg_traverse || return 1
    chown postgres:postgres "$SVC_PG_DIR" "$SVC_PG_SOCK" || { _svc_fail "pg: cannot chown $SVC_PG_DIR to postgres"; return 1; }
  fi
  chmod 700 "$SVC_PG_SOCK"
  if [[ ! -f $SVC_PG_DATA/PG_VERSION ]]; then
    if [[ -d $SVC_PG_DATA && -n $(ls -A "$SVC_PG_DATA" 2>/dev/null) ]]; then
      _svc_fail "pg: $SVC_PG_DATA exists but holds no cluster; remove it and retry"
      return 1
    fi
    _svc_log "pg: initdb $SVC_PG_DATA ($("$SVC_PG_BIN/postgres" --version))"
    if ! _svc_pg_as "$SVC_PG_BIN/initdb" -D "$SVC_PG_DATA" -U postgres -E UTF8 --no-locale \
        -A trust --auth-host=scram-sha-256 >"$SVC_PG_DIR/initdb.log" 2>&1; then
      _svc_tail "$SVC_PG_DIR/initdb.log"
      _svc_fail "pg: initdb failed"
      return 1
    fi
  fi
  _svc_pg_write_conf || { _svc_fail "pg: cannot write $SVC_PG_DATA/cryptorun.conf"; return 1; }
  _svc_log "pg: starting on 127.0.0.1:$SVC_PG_PORT (log $SVC_PG_LOG)"
  _svc_log_rotate "$SVC_PG_LOG"
  (( EUID != 0 )) || chown postgres:postgres "$SVC_PG_LOG"
  # setsid: the postmaster gets its own session, so a Ctrl-C meant for the caller does not reach it.
  if ! _svc_pg_as setsid -w "$SVC_PG_BIN/pg_ctl" -D "$SVC_PG_DATA" -l "$SVC_PG_LOG" -w -t 60 -s start; then
    _svc_tail_last_start "$SVC_PG_LOG"
    _svc_fail "pg: server did not start"
    return 1
  fi
  SVC_DID_START=1
  _svc_log "pg: running (pid $(_svc_pg_pid))"
  _svc_pg_provision
}

_svc_pg_down() {
  if ! _svc_pg_running; then
    _svc_log "pg: not running"
    return 0
  fi
  _svc_log "pg: stopping (pid $(_svc_pg_pid))"
  if ! _svc_pg_as "$SVC_PG_BIN/pg_ctl" -D "$SVC_PG_DATA" -m fast -w -t 60 -s stop; then
    _svc_tail "$SVC_PG_LOG" 20
    _svc_fail "pg: pg_ctl stop failed"
    return 1
  fi
  _svc_log "pg: stopped"
}

_svc_pg_status() {
  if _svc_pg_running; then
    _svc_log "pg: running (pid $(_svc_pg_pid)) on 127.0.0.1:$SVC_PG_PORT, data $SVC_PG_DATA"
  else
    _svc_log "pg: stopped"
    return 3
  fi
}

# ---------------------------------------------------------------------------------------------
# Kafka: single-node KRaft (broker + controller) from Maven jars.
# ---------------------------------------------------------------------------------------------

# Runs a Kafka command-line class (e.g. org.apache.kafka.tools.TopicCommand) on the broker's jars.
_svc_kafka_tool() { "${SVC_KAFKA_TOOL[@]}" "$@"; }

# Prints the broker's pid when the pid file names a live broker of this state dir.
_svc_kafka_pid() {
  local pid
  [[ -s $SVC_KAFKA_PIDFILE ]] || return 1
  pid=$(<"$SVC_KAFKA_PIDFILE")
  [[ $pid =~ ^[0-9]+$ ]] && _svc_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $SVC_KAFKA_DIR/server.properties" || return 1
  printf '%s\n' "$pid"
}

# Copies the broker jars once (kept until deploy/local/kafka/pom.xml changes).
_svc_kafka_lib() {
  local pom=$SVC_ROOT/deploy/local/kafka/pom.xml sum log=$SVC_KAFKA_DIR/mvn-copy.log t0
  [[ -f $pom ]] || { _svc_fail "kafka: $pom is missing"; return 1; }
  sum=$(sha256sum <"$pom" | cut -d' ' -f1)
  [[ -f $SVC_KAFKA_LIB/.complete && $(<"$SVC_KAFKA_LIB/.complete") == "$sum" ]] && return 0
  command -v mvn >/dev/null 2>&1 || { _svc_fail "kafka: mvn not found (needed once to fetch the broker jars)"; return 1; }
  t0=$(_svc_now)
  _svc_log "kafka: copying broker jars into $SVC_KAFKA_LIB (mvn dependency:copy-dependencies)"
  rm -rf "$SVC_KAFKA_LIB.tmp"
  if ! (_svc_close_lock && mvn -B -q -ntp -f "$pom" dependency:copy-dependencies \
      -DoutputDirectory="$SVC_KAFKA_LIB.tmp" -DincludeScope=runtime) >"$log" 2>&1; then
    _svc_tail "$log"
    _svc_fail "kafka: fetching the broker jars failed"
    return 1
  fi
  if ! { rm -rf "$SVC_KAFKA_LIB" && mv "$SVC_KAFKA_LIB.tmp" "$SVC_KAFKA_LIB" &&
      printf '%s\n' "$sum" >"$SVC_KAFKA_LIB/.complete"; }; then
    _svc_fail "kafka: cannot install jars into $SVC_KAFKA_LIB"
    return 1
  fi
  _svc_log "kafka: $(find "$SVC_KAFKA_LIB" -name '*.jar' | wc -l) jars in $(_svc_since "$t0")"
}

_svc_kafka_write_conf() {
  cat >"$SVC_KAFKA_DIR/server.properties" <<EOF || return 1
# Written by deploy/local/services.sh on every start; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$SVC_KAFKA_CTRL_PORT
listeners=PLAINTEXT://127.0.0.1:$SVC_KAFKA_PORT,CONTROLLER://127.0.0.1:$SVC_KAFKA_CTRL_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$SVC_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$SVC_KAFKA_DATA
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Fewer internal partitions than the default 50: faster first consumer group / transactional producer.
offsets.topic.num.partitions=4
transaction.state.log.num.partitions=4
group.initial.rebalance.delay.ms=0
# Exactly-once sinks need transaction.timeout.ms below this (15 min).
transaction.max.timeout.ms=900000
auto.create.topics.enable=true
EOF
  cat >"$SVC_KAFKA_DIR/log4j.properties" <<'EOF' || return 1
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.org.apache.kafka.clients=WARN
EOF
  cat >"$SVC_KAFKA_DIR/tools-log4j.properties" <<'EOF' || return 1
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

_svc_kafka_up() {
  SVC_DID_START=0
  local pid id t0 deadline left p
  if pid=$(_svc_kafka_pid); then
    _svc_log "kafka: already running (pid $pid) on 127.0.0.1:$SVC_KAFKA_PORT"
    return 0
  fi
  for p in "$SVC_KAFKA_PORT" "$SVC_KAFKA_CTRL_PORT"; do
    if _svc_port_busy "$p"; then
      _svc_fail "kafka: port $p is taken by a process not started from $SVC_STATE (set CRYPTORUN_KAFKA_PORT; the controller uses port+1)"
      return 1
    fi
  done
  command -v "$SVC_JAVA" >/dev/null 2>&1 || { _svc_fail "kafka: java not found"; return 1; }
  mkdir -p "$SVC_KAFKA_DATA" || { _svc_fail "kafka: cannot create $SVC_KAFKA_DATA"; return 1; }
  _svc_kafka_lib || return 1
  _svc_kafka_write_conf || { _svc_fail "kafka: cannot write config into $SVC_KAFKA_DIR"; return 1; }
  if [[ ! -f $SVC_KAFKA_DATA/meta.properties ]]; then
    id=$(_svc_kafka_tool kafka.tools.StorageTool random-uuid) || { _svc_fail "kafka: StorageTool random-uuid failed"; return 1; }
    _svc_log "kafka: formatting $SVC_KAFKA_DATA (cluster id $id)"
    if ! _svc_kafka_tool kafka.tools.StorageTool format -t "$id" -c "$SVC_KAFKA_DIR/server.properties" \
        >"$SVC_KAFKA_DIR/format.log" 2>&1; then
      _svc_tail "$SVC_KAFKA_DIR/format.log"
      _svc_fail "kafka: storage format failed"
      return 1
    fi
  fi
  t0=$(_svc_now)
  deadline=$(( SECONDS + SVC_KAFKA_WAIT ))
  _svc_log "kafka: starting broker on 127.0.0.1:$SVC_KAFKA_PORT (log $SVC_KAFKA_LOG)"
  rm -f "$SVC_KAFKA_PIDFILE"
  _svc_log_rotate "$SVC_KAFKA_LOG"
  # The child writes its own pid and then execs the JVM, so the pid file names the broker itself;
  # setsid keeps a Ctrl-C meant for the caller away from it.
  # shellcheck disable=SC2016 # $$ and $1 expand in the child shell
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' kafka-launch "$SVC_KAFKA_PIDFILE" \
    "$SVC_JAVA" -Xmx512m -Xms256m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$SVC_KAFKA_DIR/log4j.properties" \
    -cp "$SVC_KAFKA_LIB/*" kafka.Kafka "$SVC_KAFKA_DIR/server.properties" \
    </dev/null >>"$SVC_KAFKA_LOG" 2>&1 {SVC_LOCK_FD}>&- &
  disown "$!" 2>/dev/null || true
  for _ in $(seq 50); do [[ -s $SVC_KAFKA_PIDFILE ]] && break; sleep 0.1; done
  pid=$(cat "$SVC_KAFKA_PIDFILE" 2>/dev/null) || true
  [[ $pid =~ ^[0-9]+$ ]] || { _svc_tail_last_start "$SVC_KAFKA_LOG"; _svc_fail "kafka: launcher wrote no pid file"; return 1; }
  SVC_DID_START=1 # from here on it is ours to stop, even if it never becomes ready
  # Ready = the PLAINTEXT port accepts connections and an admin client can list topics.
  while :; do
    if ! _svc_alive "$pid"; then
      _svc_tail_last_start "$SVC_KAFKA_LOG"
      rm -f "$SVC_KAFKA_PIDFILE"
      SVC_DID_START=0
      _svc_fail "kafka: broker exited during startup"
      return 1
    fi
    left=$(( deadline - SECONDS ))
    if (( left <= 0 )); then
      _svc_tail_last_start "$SVC_KAFKA_LOG"
      _svc_kafka_stop_pid "$pid"
      SVC_DID_START=0
      _svc_fail "kafka: broker did not answer on 127.0.0.1:$SVC_KAFKA_PORT within ${SVC_KAFKA_WAIT}s (stopped it)"
      return 1
    fi
    if _svc_port_busy "$SVC_KAFKA_PORT" &&
        timeout "$(( left < 20 ? left : 20 ))" "${SVC_KAFKA_TOOL[@]}" org.apache.kafka.tools.TopicCommand \
          --bootstrap-server "127.0.0.1:$SVC_KAFKA_PORT" --list >/dev/null 2>&1; then
      break
    fi
    sleep 0.5
  done
  _svc_log "kafka: ready (pid $pid) in $(_svc_since "$t0")"
}

_svc_kafka_stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < 60; i++ )); do _svc_alive "$pid" || break; sleep 0.5; done
  if _svc_alive "$pid"; then
    _svc_log "kafka: no exit 30 s after TERM, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for (( i = 0; i < 20; i++ )); do _svc_alive "$pid" || break; sleep 0.25; done
  fi
  wait "$pid" 2>/dev/null || true # reap it if it happens to be our child
  rm -f "$SVC_KAFKA_PIDFILE"
  ! _svc_alive "$pid"
}

_svc_kafka_down() {
  local pid
  if ! pid=$(_svc_kafka_pid); then
    _svc_log "kafka: not running"
    rm -f "$SVC_KAFKA_PIDFILE"
    return 0
  fi
  _svc_log "kafka: stopping (pid $pid)"
  _svc_kafka_stop_pid "$pid" || { _svc_fail "kafka: pid $pid survived KILL"; return 1; }
  _svc_log "kafka: stopped"
}

_svc_kafka_status() {
  local pid
  if pid=$(_svc_kafka_pid); then
    _svc_log "kafka: running (pid $pid) on 127.0.0.1:$SVC_KAFKA_PORT (controller $SVC_KAFKA_CTRL_PORT), data $SVC_KAFKA_DATA"
  else
    _svc_log "kafka: stopped"
    return 3
  fi
}

# ---------------------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------------------

# Validates service names; prints them in start order (pg before kafka), default both.
_svc_names() {
  local s want_pg=0 want_kafka=0
  (( $# )) || set -- pg kafka
  for s in "$@"; do
    case $s in
      pg|postgres|postgresql) want_pg=1 ;;
      kafka) want_kafka=1 ;;
      *) _svc_fail "unknown service '$s' (known: pg kafka)"; return 1 ;;
    esac
  done
  (( want_pg )) && printf 'pg\n'
  (( want_kafka )) && printf 'kafka\n'
  return 0
}

# services_up [pg] [kafka]: starts what is not yet running; appends what it started to SERVICES_STARTED.
services_up() {
  local names s t0 rc=0
  _svc_init || return 1
  names=$(_svc_names "$@") || return 1
  t0=$(_svc_now)
  _svc_lock || return 1
  for s in $names; do
    if "_svc_${s}_up"; then
      (( SVC_DID_START )) && SERVICES_STARTED="${SERVICES_STARTED:+$SERVICES_STARTED }$s"
    else
      (( SVC_DID_START )) && SERVICES_STARTED="${SERVICES_STARTED:+$SERVICES_STARTED }$s"
      rc=1
      break
    fi
  done
  _svc_unlock
  (( rc == 0 )) && _svc_log "up: $(tr '\n' ' ' <<<"$names")ready in $(_svc_since "$t0")"
  return "$rc"
}

# services_down [pg] [kafka]: stops the named services of this state dir (default both), kafka first.
services_down() {
  local names s rc=0
  _svc_init || return 1
  names=$(_svc_names "$@") || return 1
  _svc_lock || return 1
  for s in $(tac <<<"$names"); do
    "_svc_${s}_down" || rc=1
    SERVICES_STARTED=$(tr ' ' '\n' <<<"$SERVICES_STARTED" | grep -vx "$s" | paste -sd' ' -) || true
  done
  _svc_unlock
  return "$rc"
}

# services_status [pg] [kafka]: 0 when all named services run, 3 otherwise.
services_status() {
  local names s rc=0
  _svc_init || return 1
  names=$(_svc_names "$@") || return 1
  for s in $names; do "_svc_${s}_status" || rc=3; done
  return "$rc"
}

# Prints `export ...` lines for callers: eval "$(services_env)".
services_env() {
  _svc_init || return 1
  printf 'export CRYPTORUN_PG_URL=%q\n' "jdbc:postgresql://127.0.0.1:$SVC_PG_PORT/cryptorun"
  printf 'export CRYPTORUN_PG_USER=cryptorun\n'
  printf 'export CRYPTORUN_PG_PASSWORD=cryptorun\n'
  printf 'export CRYPTORUN_KAFKA_BOOTSTRAP=%q\n' "127.0.0.1:$SVC_KAFKA_PORT"
}

# services_kafka_tool <main class> [args]: run a Kafka CLI class on the broker's jars.
services_kafka_tool() {
  _svc_init || return 1
  [[ -f $SVC_KAFKA_LIB/.complete ]] || { _svc_fail "kafka: no jars in $SVC_KAFKA_LIB yet (run: services.sh up kafka)"; return 1; }
  [[ -f $SVC_KAFKA_DIR/tools-log4j.properties ]] || _svc_kafka_write_conf || return 1
  _svc_kafka_tool "$@"
}

_svc_usage() {
  cat <<'EOF'
usage: deploy/local/services.sh up|down|status|env [pg] [kafka]
  up      provision (first time) and start the services; no names = pg kafka
  down    stop the services started from this state dir
  status  show what runs (exit 3 if a named service is stopped)
  env     print the export lines for CRYPTORUN_PG_URL, CRYPTORUN_PG_USER,
          CRYPTORUN_PG_PASSWORD and CRYPTORUN_KAFKA_BOOTSTRAP
settings: CRYPTORUN_LOCAL (state dir, default <repo>/.local), CRYPTORUN_PG_PORT (15432),
          CRYPTORUN_KAFKA_PORT (19092; controller port+1), CRYPTORUN_PG_BIN, CRYPTORUN_KAFKA_WAIT (60)
EOF
}

_svc_main() {
  local cmd=${1:-}
  (( $# )) && shift
  case $cmd in
    up)
      SERVICES_STARTED=""
      if ! services_up "$@"; then
        if [[ -n $SERVICES_STARTED ]]; then
          _svc_log "up failed: stopping what this call started ($SERVICES_STARTED)"
          # shellcheck disable=SC2086 # a list of names
          services_down $SERVICES_STARTED || true
        fi
        return 1
      fi
      ;;
    down) services_down "$@" ;;
    status) services_status "$@" ;;
    env) services_env ;;
    help|-h|--help) _svc_usage ;;
    *) _svc_usage >&2; return 2 ;;
  esac
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -uo pipefail
  _svc_main "$@"
  exit
fi
