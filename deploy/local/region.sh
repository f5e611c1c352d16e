#!/usr/bin/env bash
# CryptoRun region b (issue 17, docs/DATA_MULTI_REGION.md): a second PostgreSQL and a second KRaft Kafka on
# their own loopback ports, Kafka MirrorMaker 2 (connect-mirror 3.9.1, the broker's version) mirroring
# region a -> b and b -> a (active-active hot tier), and region a's PostgreSQL switched to wal_level=logical so that b can subscribe to it.
# Region a is what deploy/local/services.sh runs (CRYPTORUN_PG_PORT / CRYPTORUN_KAFKA_PORT); this script
# reuses its functions with region b's state dir and ports, so nothing of services.sh is changed.
#
# CLI:      deploy/local/region.sh up|down|status|env          (./cryptorun region ...)
#           up   : region a pg+kafka (if not running), a -> wal_level=logical, b pg+kafka, MirrorMaker 2 (a <-> b)
#           down : stops MirrorMaker 2 and region b (region a is left to services.sh down)
#           env  : export lines CRYPTORUN_REGION_A_PG_URL, CRYPTORUN_REGION_B_PG_URL,
#                  CRYPTORUN_REGION_A_KAFKA, CRYPTORUN_REGION_B_KAFKA (user/password: cryptorun)
# Library:  source deploy/local/region.sh; region_up; region_down; eval "$(region_env)"
#
# Settings: CRYPTORUN_LOCAL (state root; region b lives in $CRYPTORUN_LOCAL/region-b),
#           CRYPTORUN_REGION_B_PG_PORT (default 15433), CRYPTORUN_REGION_B_KAFKA_PORT (default 19094, controller +1),
#           CRYPTORUN_REGION_MM2=0 (no MirrorMaker 2), plus those of services.sh for region a.
# Region b's role cryptorun is SUPERUSER (PostgreSQL 15 creates subscriptions only as superuser; a private
# throw-away cluster); region a's role cryptorun gets REPLICATION (the subscription's walsender).

REGION_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=deploy/local/services.sh
source "$REGION_ROOT/deploy/local/services.sh"

_region_init() {
  REGION_A_STATE=${CRYPTORUN_LOCAL:-$REGION_ROOT/.local}
  [[ $REGION_A_STATE == /* ]] || REGION_A_STATE=$PWD/$REGION_A_STATE
  REGION_B_STATE=$REGION_A_STATE/region-b
  REGION_B_PG_PORT=${CRYPTORUN_REGION_B_PG_PORT:-15433}
  REGION_B_KAFKA_PORT=${CRYPTORUN_REGION_B_KAFKA_PORT:-19094}
  REGION_A_PG_PORT=${CRYPTORUN_PG_PORT:-15432}
  REGION_A_KAFKA_PORT=${CRYPTORUN_KAFKA_PORT:-19092}
  REGION_MM2_DIR=$REGION_A_STATE/mirror
  REGION_MM2_PIDFILE=$REGION_MM2_DIR/mm2.pid
}

# Runs a services.sh function for region b (its own state dir and ports), in a subshell.
_region_b() {
  (
    export CRYPTORUN_LOCAL=$REGION_B_STATE CRYPTORUN_PG_PORT=$REGION_B_PG_PORT CRYPTORUN_KAFKA_PORT=$REGION_B_KAFKA_PORT
    "$@"
  )
}

# Region a's PostgreSQL must publish logical changes: wal_level=logical (needs a restart when it was not).
_region_a_logical() {
  local wl
  _svc_init || return 1
  if [[ ! -f $SVC_PG_DATA/PG_VERSION ]]; then _svc_fail "region: region a has no PostgreSQL cluster yet"; return 1; fi
  cat >"$SVC_PG_DATA/cryptorun-region.conf" <<'EOF' || return 1
# Written by deploy/local/region.sh: region a publishes to region b (logical replication).
wal_level = logical
max_replication_slots = 16
max_wal_senders = 16
EOF
  (( EUID != 0 )) || chown postgres:postgres "$SVC_PG_DATA/cryptorun-region.conf"
  grep -q "cryptorun-region.conf" "$SVC_PG_DATA/postgresql.conf" ||
    printf "\ninclude_if_exists = 'cryptorun-region.conf'\n" >>"$SVC_PG_DATA/postgresql.conf"
  wl=$(_svc_psql_super -d postgres -tAc 'SHOW wal_level') || { _svc_fail "region: cannot read region a's wal_level"; return 1; }
  if [[ $wl != logical ]]; then
    _svc_log "region: restarting region a's PostgreSQL for wal_level=logical (was $wl)"
    _svc_pg_as "$SVC_PG_BIN/pg_ctl" -D "$SVC_PG_DATA" -l "$SVC_PG_LOG" -m fast -w -t 60 -s restart ||
      { _svc_fail "region: restart of region a's PostgreSQL failed"; return 1; }
  fi
  _svc_psql_super -d postgres -c 'ALTER ROLE cryptorun REPLICATION' || return 1
}

_region_b_superuser() {
  _svc_init || return 1
  _svc_psql_super -d postgres -c 'ALTER ROLE cryptorun SUPERUSER'
}

_region_mm2_pid() {
  local pid
  [[ -s $REGION_MM2_PIDFILE ]] || return 1
  pid=$(<"$REGION_MM2_PIDFILE")
  [[ $pid =~ ^[0-9]+$ ]] && _svc_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "MirrorMaker $REGION_MM2_DIR/mm2.properties" || return 1
  printf '%s\n' "$pid"
}

_region_mm2_lib() {
  local pom=$REGION_ROOT/deploy/local/mirror/pom.xml lib=$REGION_MM2_DIR/lib sum
  sum=$(sha256sum <"$pom" | cut -d' ' -f1)
  [[ -f $lib/.complete && $(<"$lib/.complete") == "$sum" ]] && return 0
  _svc_log "mm2: copying MirrorMaker 2 jars into $lib"
  rm -rf "$lib.tmp"
  if ! (mvn -B -q -ntp -f "$pom" dependency:copy-dependencies -DoutputDirectory="$lib.tmp" -DincludeScope=runtime) \
      >"$REGION_MM2_DIR/mvn-copy.log" 2>&1; then
    _svc_tail "$REGION_MM2_DIR/mvn-copy.log"
    _svc_fail "mm2: fetching org.apache.kafka:connect-mirror:3.9.1 failed"
    return 1
  fi
  rm -rf "$lib" && mv "$lib.tmp" "$lib" && printf '%s\n' "$sum" >"$lib/.complete"
}

_region_mm2_up() {
  local pid
  if pid=$(_region_mm2_pid); then _svc_log "mm2: already running (pid $pid)"; return 0; fi
  mkdir -p "$REGION_MM2_DIR" || return 1
  _region_mm2_lib || return 1
  # Active-active: a -> b (topics a.<topic> on b) and b -> a (b.<topic> on a). No cycles: the topic patterns match
  # only a region's own topics (md.raw.*, cryptorun.*), and DefaultReplicationPolicy never mirrors a topic back to
  # the region it came from (a.<topic> on b is not copied to a). offset.lag.max=0 makes every offset sync exact, so
  # translated consumer offsets are exact too; short intervals keep hot lag ≤ 5 s.
  cat >"$REGION_MM2_DIR/mm2.properties" <<EOF || return 1
# Written by deploy/local/region.sh on every start.
clusters = a, b
a.bootstrap.servers = 127.0.0.1:$REGION_A_KAFKA_PORT
b.bootstrap.servers = 127.0.0.1:$REGION_B_KAFKA_PORT
a->b.enabled = true
a->b.topics = md\\.raw\\..*, cryptorun\\..*
# only what a committed: the ingest and the scanner's sinks write transactionally, and MM2 (not exactly-once here)
# writes plainly on b, so a record of a transaction a aborts must never be read (it would be a record on b alone)
a.consumer.isolation.level = read_committed
b->a.enabled = true
b->a.topics = md\\.raw\\..*, cryptorun\\..*
b.consumer.isolation.level = read_committed
replication.factor = 1
checkpoints.topic.replication.factor = 1
heartbeats.topic.replication.factor = 1
offset-syncs.topic.replication.factor = 1
offset.storage.replication.factor = 1
status.storage.replication.factor = 1
config.storage.replication.factor = 1
offset.lag.max = 0
sync.group.offsets.enabled = true
sync.group.offsets.interval.seconds = 1
emit.checkpoints.interval.seconds = 1
emit.heartbeats.interval.seconds = 1
refresh.topics.interval.seconds = 2
refresh.groups.interval.seconds = 2
sync.topic.configs.enabled = true
tasks.max = 1
# A region's broker that comes back makes MM2's worker for that cluster rejoin its group as a new member; Connect then
# holds the lost connectors and tasks for scheduled.rebalance.max.delay.ms (default 5 min) before assigning them again,
# so b -> a stayed stopped for 5 minutes after a returned. One worker per flow: nothing to wait for. (A worker's
# settings are taken from its target cluster's prefix; a top-level one is ignored.)
a.scheduled.rebalance.max.delay.ms = 0
b.scheduled.rebalance.max.delay.ms = 0
EOF
  cat >"$REGION_MM2_DIR/log4j.properties" <<'EOF' || return 1
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.org.apache.kafka.clients=WARN
log4j.logger.org.reflections=ERROR
EOF
  _svc_log_rotate "$REGION_MM2_DIR/mm2.log"
  rm -f "$REGION_MM2_PIDFILE"
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' mm2-launch "$REGION_MM2_PIDFILE" \
    "$SVC_JAVA" -Xmx384m -XX:+UseSerialGC -Dlog4j.configuration="file:$REGION_MM2_DIR/log4j.properties" \
    -cp "$REGION_MM2_DIR/lib/*" org.apache.kafka.connect.mirror.MirrorMaker "$REGION_MM2_DIR/mm2.properties" \
    </dev/null >>"$REGION_MM2_DIR/mm2.log" 2>&1 &
  disown "$!" 2>/dev/null || true
  for _ in $(seq 50); do [[ -s $REGION_MM2_PIDFILE ]] && break; sleep 0.1; done
  pid=$(_region_mm2_pid) || { _svc_tail_last_start "$REGION_MM2_DIR/mm2.log"; _svc_fail "mm2: did not start"; return 1; }
  _svc_log "mm2: running (pid $pid, a:$REGION_A_KAFKA_PORT <-> b:$REGION_B_KAFKA_PORT, log $REGION_MM2_DIR/mm2.log)"
}

_region_mm2_down() {
  local pid i
  if ! pid=$(_region_mm2_pid); then _svc_log "mm2: not running"; rm -f "$REGION_MM2_PIDFILE"; return 0; fi
  _svc_log "mm2: stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < 60; i++ )); do _svc_alive "$pid" || break; sleep 0.5; done
  if _svc_alive "$pid"; then
    _svc_log "mm2: no exit 30 s after TERM, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for (( i = 0; i < 20; i++ )); do _svc_alive "$pid" || break; sleep 0.25; done
  fi
  rm -f "$REGION_MM2_PIDFILE"
  ! _svc_alive "$pid" || { _svc_fail "mm2: pid $pid survived KILL"; return 1; }
}

# region_up: region a (pg kafka, what is not running; appended to SERVICES_STARTED), a logical, b pg kafka, mm2.
# REGION_STARTED=1 when this call started anything of region b / mm2 (region_down stops it all anyway).
region_up() {
  local t0
  _region_init
  t0=$(_svc_now)
  services_up pg kafka || return 1
  _region_a_logical || return 1
  mkdir -p "$REGION_B_STATE" || return 1
  # Region b uses the broker jars region a already has (hard links; no second download).
  _svc_init && if [[ -f $SVC_KAFKA_LIB/.complete && ! -f $REGION_B_STATE/kafka/lib/.complete ]]; then
    mkdir -p "$REGION_B_STATE/kafka" && cp -al "$SVC_KAFKA_LIB" "$REGION_B_STATE/kafka/lib"
  fi
  REGION_STARTED=1
  _region_b services_up pg kafka || return 1
  _region_b _region_b_superuser || return 1
  if [[ ${CRYPTORUN_REGION_MM2:-1} != 0 ]]; then _region_mm2_up || return 1; fi
  _svc_log "region: a (pg $REGION_A_PG_PORT, kafka $REGION_A_KAFKA_PORT) and b (pg $REGION_B_PG_PORT, kafka $REGION_B_KAFKA_PORT) ready in $(_svc_since "$t0")"
}

region_down() {
  local rc=0
  _region_init
  _svc_init || return 1
  _region_mm2_down || rc=1
  _region_b services_down pg kafka || rc=1
  return "$rc"
}

region_status() {
  local rc=0 pid
  _region_init
  _svc_init || return 1
  if pid=$(_region_mm2_pid); then _svc_log "mm2: running (pid $pid)"; else _svc_log "mm2: stopped"; rc=3; fi
  _region_b services_status pg kafka || rc=3
  return "$rc"
}

region_env() {
  _region_init
  printf 'export CRYPTORUN_REGION_A_PG_URL=%q\n' "jdbc:postgresql://127.0.0.1:$REGION_A_PG_PORT/cryptorun"
  printf 'export CRYPTORUN_REGION_B_PG_URL=%q\n' "jdbc:postgresql://127.0.0.1:$REGION_B_PG_PORT/cryptorun"
  printf 'export CRYPTORUN_REGION_A_KAFKA=%q\n' "127.0.0.1:$REGION_A_KAFKA_PORT"
  printf 'export CRYPTORUN_REGION_B_KAFKA=%q\n' "127.0.0.1:$REGION_B_KAFKA_PORT"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -uo pipefail
  case ${1:-} in
    up) region_up || { _svc_log "region up failed: stopping region b and mm2"; region_down; exit 1; } ;;
    down) region_down ;;
    status) region_status ;;
    env) region_env ;;
    *) printf 'usage: deploy/local/region.sh up|down|status|env\n' >&2; exit 2 ;;
  esac
  exit
fi
