#!/usr/bin/env bash
# shellcheck disable=SC2016 # the bash -c snippets expand their own parameters
# Integration test of the local Flink session cluster, driven exactly as a user drives it, through
# ./cryptorun: cluster up -> submit -> RUNNING -> a completed checkpoint -> health -> savepoint ->
# stop --savepoint -> resubmit from that savepoint -> RUNNING, restored from it, state carried over
# -> cancel -> two --pg-dsn jobs one after the other, both accepted and writing their rows
# -> a scanner job on live WebSockets (`--source ws` against `./cryptorun ws-server`
# serving fixtures/multi-venue-sim): health shows all four venues fresh with circuits closed, then,
# with the ws-server stopped, UNHEALTHY for stale data and for open circuits -> cluster down ->
# nothing left running.
#
# Run by `./cryptorun test` after `mvn verify` (and alone by `./cryptorun test-cluster`). It uses its
# own cluster dir and ports (REST 18081, RPC 16123, Prometheus 9260-9269), so it collides neither
# with `./cryptorun run` / a user's cluster on 8081 nor with the MiniCluster tests (random ports).
# Prints one line per check and "cluster-test: N passed, M failed"; exit 0 only when all passed.
# Takes about 75 s on 2 cores once the runtime jars are cached (first run: + their download).
#
# Settings: CRYPTORUN_LOCAL (state root), CRYPTORUN_IT_REST_PORT, CRYPTORUN_IT_RPC_PORT,
#           CRYPTORUN_IT_PROM_PORTS (Prometheus reporter port range, default 9260-9269),
#           CRYPTORUN_IT_KEEP=1 (keep the test's cluster dir even when everything passed).
set -uo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
CR=$ROOT/cryptorun
STATE=${CRYPTORUN_LOCAL:-$ROOT/.local}
[[ $STATE == /* ]] || STATE=$PWD/$STATE
export CRYPTORUN_LOCAL=$STATE
IT_DIR=$STATE/flink/it
export CRYPTORUN_FLINK_DIR=$IT_DIR
export CRYPTORUN_FLINK_REST_PORT=${CRYPTORUN_IT_REST_PORT:-18081}
export CRYPTORUN_FLINK_RPC_PORT=${CRYPTORUN_IT_RPC_PORT:-16123}
export CRYPTORUN_FLINK_PROM_PORTS=${CRYPTORUN_IT_PROM_PORTS:-9260-9269}
PROM_LO=${CRYPTORUN_FLINK_PROM_PORTS%-*} PROM_HI=${CRYPTORUN_FLINK_PROM_PORTS#*-}
export CRYPTORUN_FLINK_WAIT=180
export CRYPTORUN_FLINK_OP_WAIT=180
unset CRYPTORUN_FLINK_REST CRYPTORUN_FLINK_CHECKPOINT_DIR CRYPTORUN_FLINK_SAVEPOINT_DIR
REST=http://127.0.0.1:$CRYPTORUN_FLINK_REST_PORT
OUT=$IT_DIR/out
FIXTURE=$ROOT/fixtures/kraken-sim
JOB_ARGS=(--fixtures "$FIXTURE" --out "$OUT" --speed 60)
# The live part: the loopback exchange serves all four venues; the JobManager resolves the
# endpoints from its environment when the job's main() runs, so the ws-server starts (ephemeral
# port) before `cluster up` and its exports are in the cluster's environment.
LIVE_FIXTURE=$ROOT/fixtures/multi-venue-sim
LIVE_VENUES=(bitstamp coinbase gemini kraken)
# A short freshness limit, so that stale data shows within seconds of the exchange going away.
LIVE_MAX_FRESHNESS=10
WS_PID=""

# shellcheck source=deploy/local/lib.sh
source "$ROOT/deploy/local/lib.sh" # say/pass/fail/check/need, cr_poll, cr_gone
cr_test_init cluster-test
UP=0
T0=$SECONDS
json() { "$CR" json "$@"; } # JSON pointers over stdin (cryptorun json)
get() { curl -sS --max-time 30 "$REST$1"; }
elapsed() { printf '%ds' $((SECONDS - T0)); }
poll() { cr_poll "$@"; } # poll SECONDS COMMAND...: every second until it succeeds or time runs out
job_state_is() { [[ $(get "/jobs/$1" | json /state) == "$2" ]]; }
completed_checkpoints_at_least() { (( $(get "/jobs/$1/checkpoints" | json /counts/completed) >= $2 )); }
savepoint_on_disk() { [[ -f ${1#file:}/_metadata ]]; }

finish() {
  local rc=$?
  trap - EXIT INT TERM
  if ws_server_running; then
    say "cleanup: stopping the ws-server (pid $WS_PID)"
    stop_ws_server || fail "ws-server stopped (cleanup)"
  fi
  if (( UP )); then
    say "cleanup: cluster down"
    "$CR" cluster down || fail "cluster down (cleanup)"
  fi
  say "$CR_PASSED passed, $CR_FAILED failed in $(elapsed)"
  printf 'cluster-test: %d passed, %d failed\n' "$CR_PASSED" "$CR_FAILED"
  if (( CR_FAILED == 0 && rc == 0 )) && [[ ${CRYPTORUN_IT_KEEP:-} != 1 ]]; then
    rm -rf "$IT_DIR"
  else
    say "kept $IT_DIR (logs in $IT_DIR/log)"
  fi
  (( CR_FAILED == 0 && rc == 0 )) && exit 0
  exit 1
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A process counts as gone once it is dead or a zombie waiting to be reaped.
gone() { cr_gone "$1"; }

# The ws-server this test started: its pid, still running the ws-server command (not a reused pid).
ws_server_running() {
  local cmd
  [[ -n $WS_PID ]] && cmd=$({ tr '\0' ' ' <"/proc/$WS_PID/cmdline"; } 2>/dev/null) && [[ $cmd == *"CryptoRunCli ws-server"* || $cmd == *"cryptorun ws-server"* ]]
}
stop_ws_server() {
  ws_server_running || return 0
  kill -TERM "$WS_PID" 2>/dev/null || true
  poll 30 gone "$WS_PID" || { kill -KILL "$WS_PID" 2>/dev/null; sleep 1; }
  wait "$WS_PID" 2>/dev/null || true
  ! ws_server_running
}
ws_server_ready() { grep -q '^# serving ' "$IT_DIR/ws-server.out"; }
# health ARGS: its exit status; its output in $IT_DIR/health.out (grep a file: no SIGPIPE under pipefail)
health_out() { "$CR" health "$@" >"$IT_DIR/health.out" 2>&1; }

rm -rf "$IT_DIR"
mkdir -p "$IT_DIR"
say "cluster dir $IT_DIR, REST $REST"
# The JobManager runs a submitted job's main(), which logs in to PostgreSQL for a --pg-dsn job
# (step 6b): it takes the password from its environment, as a user's cluster would.
[[ -n ${CRYPTORUN_PG_PASSWORD:-} ]] && export PG_PASSWORD=$CRYPTORUN_PG_PASSWORD

# 0. the loopback exchange for the live part (idle until a client subscribes)
"$CR" ws-server --fixture "$LIVE_FIXTURE" >"$IT_DIR/ws-server.out" 2>"$IT_DIR/ws-server.err" &
WS_PID=$!
need check "ws-server serving $LIVE_FIXTURE (pid $WS_PID)" poll 120 ws_server_ready
eval "$(grep '^export [A-Z_]*=[a-z]*://127\.0\.0\.1:[0-9]*' "$IT_DIR/ws-server.out")"
need check "ws-server exports the four venues' endpoints" test -n "${KRAKEN_WS_URL:-}" -a -n "${COINBASE_WS_URL:-}" \
  -a -n "${BITSTAMP_WS_URL:-}" -a -n "${GEMINI_WS_URL:-}" -a -n "${BITSTAMP_API_BASE:-}"

# 1. up
UP=1
t=$SECONDS
need check "cluster up (JobManager + TaskManager, a free slot)" "$CR" cluster up
say "up took $((SECONDS - t))s"
check "cluster status exits 0" "$CR" cluster status
check "health exits 1 without a job" bash -c '! "$1" health >/dev/null' _ "$CR"
# Every listening socket of the two processes is on 127.0.0.1, except the Prometheus reporter's
# (Flink 1.20.3 cannot bind it to one address; see flink-conf/config.yaml).
loopback_only() {
  local lines
  lines=$(ss -ltnpH 2>/dev/null | grep -E "pid=($(cat "$IT_DIR/jm.pid")|$(cat "$IT_DIR/tm.pid"))," ) || return 1
  local line port
  while read -r line; do
    [[ $line =~ 127\.0\.0\.1\]?:[0-9]+[[:space:]] ]] && continue
    port=$(grep -oE ':[0-9]+ ' <<<"$line" | head -n 1 | tr -d ': ')
    [[ -n $port ]] && (( port >= PROM_LO && port <= PROM_HI )) && continue
    return 1
  done <<<"$lines"
}
if command -v ss >/dev/null 2>&1; then
  check "every listening socket but Prometheus is on 127.0.0.1" loopback_only
else
  say "skip: loopback check (no ss)"
fi

# 2. submit, RUNNING, a completed checkpoint, healthy
JOB1=$("$CR" submit -- "${JOB_ARGS[@]}")
need check "submit prints a job id ($JOB1)" test -n "$JOB1"
need check "job 1 RUNNING" poll 90 job_state_is "$JOB1" RUNNING
need check "job 1 completes a checkpoint" poll 90 completed_checkpoints_at_least "$JOB1" 1
check "health exits 0 (RUNNING, fresh checkpoint)" "$CR" health "$JOB1"
replay_skips_live_checks() { health_out "$1"; grep -q '^sources: .*no live WebSocket source' "$IT_DIR/health.out"; }
check "health says a replay has no live source to check" replay_skips_live_checks "$JOB1"
check "health with --max-checkpoint-age 0 exits 1" bash -c '! "$1" health --max-checkpoint-age 0 "$2" >/dev/null' _ "$CR" "$JOB1"

# 3. savepoint while running
SP1=$("$CR" savepoint "$JOB1")
check "savepoint written ($SP1)" savepoint_on_disk "$SP1"
check "job 1 still RUNNING after the savepoint" job_state_is "$JOB1" RUNNING

# 4. stop with savepoint; everything job 1 emitted is committed now
SP2=$("$CR" stop --savepoint "$JOB1")
need check "stop --savepoint written ($SP2)" savepoint_on_disk "$SP2"
check "job 1 FINISHED" job_state_is "$JOB1" FINISHED
check "health exits 1 (no running job)" bash -c '! "$1" health "$2" >/dev/null' _ "$CR" "$JOB1"
find "$OUT/_parts" -type f -name 'part-*' | sort >"$IT_DIR/job1.files"
need check "job 1 committed output" test -s "$IT_DIR/job1.files"

# 5. resubmit from the savepoint (same arguments: the sinks continue in the same output dir)
JOB2=$("$CR" submit --from-savepoint "$SP2" -- "${JOB_ARGS[@]}")
need check "resubmit prints a job id ($JOB2)" test -n "$JOB2"
need check "job 2 RUNNING" poll 90 job_state_is "$JOB2" RUNNING
{ read -r restored; read -r rs_kind; } < <(get "/jobs/$JOB2/checkpoints" | json /latest/restored/external_path /latest/restored/is_savepoint)
check "job 2 restored from $SP2 (latest.restored: $restored, is_savepoint $rs_kind)" \
  test "$restored" = "$SP2" -a "$rs_kind" = true
# Its first checkpoint commits what it emitted since the restore.
need check "job 2 completes a checkpoint" poll 90 completed_checkpoints_at_least "$JOB2" 1
check "health exits 0 for job 2" "$CR" health "$JOB2"
committed_after_restore() {
  find "$OUT/_parts/microstructure" -type f -name 'part-*' | sort | comm -13 "$IT_DIR/job1.files" - | grep -q .
}
need check "job 2 committed new microstructure output" poll 60 committed_after_restore

# 6. state carried over: the replay source resumed mid-fixture where job 1 stopped, the order books
# came back from keyed state, and nothing was emitted twice or skipped.
check "state carried over (see the numbers above)" "$CR" verify-restore --parts "$OUT/_parts" --before "$IT_DIR/job1.files" \
  --fixture "$FIXTURE"

check "stop (cancel) job 2" "$CR" stop "$JOB2"

# 6b. two --pg-dsn jobs one after the other on the same cluster (issue 12): the second used to be
# refused with "No suitable driver" (migrations went through DriverManager in the first job's
# user-code class loader) and every --pg-dsn submit answered HTTP 400 (the audit listener asked a
# detached result for its runtime). Each job writes into a schema of its own, so its rows are its own.
if [[ -n ${CRYPTORUN_PG_URL:-} ]] && command -v psql >/dev/null 2>&1; then
  pg_sql() { # SQL: one value, as the test's PostgreSQL user
    local u=${CRYPTORUN_PG_URL#jdbc:postgresql://} hostport db
    hostport=${u%%/*} db=${u#*/} db=${db%%\?*}
    PGPASSWORD=$CRYPTORUN_PG_PASSWORD PGCONNECT_TIMEOUT=10 psql -X -At -h "${hostport%:*}" -p "${hostport##*:}" \
      -U "$CRYPTORUN_PG_USER" -d "$db" -c "$1"
  }
  pg_rows() { (( $(pg_sql "SELECT count(*) FROM $1.microstructure") > 0 )); }
  # SUBMITTED once, never FAILED (checkpoint rows come and go with the job's progress)
  audit_submitted_not_failed() {
    [[ $(pg_sql "SELECT count(*) FILTER (WHERE event = 'SUBMITTED') || '/' || count(*) FILTER (WHERE event = 'FAILED')
                 FROM $1.jobs_audit WHERE job_id = '$2'") == 1/0 ]]
  }
  PG_SCHEMAS=()
  for n in 1 2; do
    schema=cluster_test_${n}_$$
    PG_SCHEMAS+=("$schema")
    need check "schema $schema created" pg_sql "CREATE SCHEMA $schema"
    dsn="$CRYPTORUN_PG_URL$([[ $CRYPTORUN_PG_URL == *\?* ]] && echo '&' || echo '?')currentSchema=$schema"
    "$CR" submit -- --fixtures "$FIXTURE" --out "$IT_DIR/pg-out-$n" --speed 60 --pg-dsn "$dsn" \
      --pg-user "$CRYPTORUN_PG_USER" >"$IT_DIR/pg-submit-$n.out" 2>"$IT_DIR/pg-submit-$n.err"
    rc=$?
    PGJOB=$(tail -n 1 "$IT_DIR/pg-submit-$n.out")
    check "--pg-dsn job $n accepted: exit $rc, job id '$PGJOB', no error" \
      bash -c '(( $1 == 0 )) && [[ $2 =~ ^[0-9a-f]{32}$ ]] && ! grep -qiE "error|No suitable driver|HTTP 4" "$3"' _ "$rc" "$PGJOB" "$IT_DIR/pg-submit-$n.err"
    sed 's/^/[cluster-test]   | /' "$IT_DIR/pg-submit-$n.err" >&2
    [[ $PGJOB =~ ^[0-9a-f]{32}$ ]] || continue
    check "--pg-dsn job $n RUNNING" poll 90 job_state_is "$PGJOB" RUNNING
    check "--pg-dsn job $n wrote microstructure rows into $schema" poll 120 pg_rows "$schema"
    check "--pg-dsn job $n recorded SUBMITTED (not FAILED) in $schema.jobs_audit" audit_submitted_not_failed "$schema" "$PGJOB"
    check "stop (cancel) --pg-dsn job $n" "$CR" stop "$PGJOB"
  done
  for schema in "${PG_SCHEMAS[@]}"; do pg_sql "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null || say "could not drop $schema"; done
else
  say "skip: two --pg-dsn jobs (no CRYPTORUN_PG_URL or no psql; \`./cryptorun test\` provides both)"
fi

# 6c. (issue 13, self-contained) the notifier on the session cluster through its entry class: a dry
# run over the bundled replay's two alerts (jobs/src/test/resources/notify/bundled-alerts.jsonl) in a
# topic of its own; the TaskManager's stdout shows both rendered for the destination.
if [[ -n ${CRYPTORUN_KAFKA_BOOTSTRAP:-} ]]; then
  NOTIFY_TOPIC=cluster-test.notify.$$
  notify_produce() {
    ( source "$ROOT/deploy/local/services.sh" &&
      services_kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$CRYPTORUN_KAFKA_BOOTSTRAP" --create \
        --topic "$NOTIFY_TOPIC" --partitions 1 --replication-factor 1 &&
      services_kafka_tool kafka.tools.ConsoleProducer --bootstrap-server "$CRYPTORUN_KAFKA_BOOTSTRAP" --topic "$NOTIFY_TOPIC" \
        <"$ROOT/jobs/src/test/resources/notify/bundled-alerts.jsonl" ) >"$IT_DIR/notify-produce.out" 2>&1
  }
  notify_dry_runs() { (( $(cat "$IT_DIR"/log/taskmanager*.out 2>/dev/null | grep -c '^\[dry-run\] alert/.* -> slack:desk$') >= 2 )); }
  if check "two alerts written to $NOTIFY_TOPIC" notify_produce; then
    NJOB=$("$CR" submit --entry-class io.cryptorun.jobs.cli.NotifyMain -- --to slack:desk --kafka "$CRYPTORUN_KAFKA_BOOTSTRAP" \
      --alerts-topic "$NOTIFY_TOPIC" --exits-topic none --control-topic none --group "cluster-test-notify-$$" --dry-run \
      2>"$IT_DIR/notify-submit.err" | tail -n 1)
    if check "notifier submitted with --entry-class NotifyMain (job '$NJOB')" bash -c '[[ $1 =~ ^[0-9a-f]{32}$ ]]' _ "$NJOB"; then
      check "notifier RUNNING" poll 90 job_state_is "$NJOB" RUNNING
      check "both alerts rendered for slack:desk (dry run, TaskManager stdout)" poll 120 notify_dry_runs
      check "stop (cancel) the notifier" "$CR" stop "$NJOB"
    else
      sed 's/^/[cluster-test]   | /' "$IT_DIR/notify-submit.err" >&2
    fi
  fi
else
  say "skip: notifier on the cluster (no CRYPTORUN_KAFKA_BOOTSTRAP; \`./cryptorun test\` provides it)"
fi

# 7. live source: every venue fresh with its circuit closed; then the exchange goes away
every_venue() { # PATTERN with %s for the venue: each venue has a matching line in the last health output
  local v
  for v in "${LIVE_VENUES[@]}"; do grep -qE "${1//%s/$v}" "$IT_DIR/health.out" || return 1; done
}
live_healthy() {
  health_out --max-freshness "$LIVE_MAX_FRESHNESS" "$1" && every_venue '^venue: +%s +circuit closed; freshness worst '
}
live_stale() {
  ! health_out --max-freshness "$LIVE_MAX_FRESHNESS" --max-checkpoint-age 3600 "$1" &&
    every_venue "^UNHEALTHY: (.*; )?%s data [0-9]+s old [(]p99, > ${LIVE_MAX_FRESHNESS}s"
}
# With a freshness limit no data can miss, only the circuits can make it unhealthy.
live_circuit_open() {
  ! health_out --max-freshness 86400 --max-checkpoint-age 3600 "$1" &&
    grep -qE '^UNHEALTHY: (.*; )?[a-z]+ circuit open(;|$)' "$IT_DIR/health.out" && ! grep -q ' data [0-9]*s old' "$IT_DIR/health.out"
}
show_health() { sed 's/^/[cluster-test]   | /' "$IT_DIR/health.out" >&2; }
# the bundled fixture records the Coinbase Exchange feed (level2_batch): `coinbase` alone would be Advanced Trade
JOB3=$("$CR" submit -- --source ws --venues kraken,coinbase-exchange,bitstamp,gemini --out "$IT_DIR/live-out")
need check "live job (--source ws) submitted ($JOB3)" test -n "$JOB3"
need check "live job RUNNING" poll 90 job_state_is "$JOB3" RUNNING
check "health exits 0 with ${#LIVE_VENUES[@]} venues fresh (< ${LIVE_MAX_FRESHNESS}s) and circuits closed" poll 90 live_healthy "$JOB3"
show_health
check "ws-server stopped" stop_ws_server
t=$SECONDS
check "health UNHEALTHY: every venue's data older than ${LIVE_MAX_FRESHNESS}s" poll 60 live_stale "$JOB3"
say "stale data reported $((SECONDS - t))s after the exchange went away (limit ${LIVE_MAX_FRESHNESS}s + the REST metric refresh)"
show_health
check "health UNHEALTHY for an open circuit alone" poll 60 live_circuit_open "$JOB3"
show_health
check "stop (cancel) the live job" "$CR" stop "$JOB3"

# 8. down, nothing left
JMPID=$(cat "$IT_DIR/jm.pid" 2>/dev/null) TMPID=$(cat "$IT_DIR/tm.pid" 2>/dev/null)
UP=0
check "cluster down" "$CR" cluster down
both_gone() { gone "${JMPID:-0}" && gone "${TMPID:-0}"; }
check "JobManager and TaskManager processes gone" both_gone
check "REST and RPC ports free again" bash -c \
  '! (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && ! (exec 3<>/dev/tcp/127.0.0.1/$2) 2>/dev/null' _ \
  "$CRYPTORUN_FLINK_REST_PORT" "$CRYPTORUN_FLINK_RPC_PORT"
check "cluster status exits 3 after down" bash -c '"$1" cluster status 2>/dev/null; (( $? == 3 ))' _ "$CR"
