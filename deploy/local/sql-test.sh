#!/usr/bin/env bash
# Integration test of `./cryptorun sql`: provisions everything from nothing and stops what it started.
#   Kafka + PostgreSQL (services.sh, unless already running) -> fresh microstructure/alerts/exits
#   topics (retention.ms=-1) -> replay the bundled fixture fixtures/kraken-sim into them and into
#   PostgreSQL (--pg-dsn; exactly-once, as the scanner writes) -> its own session cluster (REST 18091,
#   RPC 16133, Prometheus 9270-9279) -> every query in sql/flink/queries/ with `./cryptorun sql -f`
#   -> the printed rows checked against the replay's own jsonl files (Kafka tables) and against the
#   same aggregates computed by psql (pg_* tables, which other runs share) -> cluster down, topics
#   deleted, services stopped if this test started them.
#
# Run by `./cryptorun test` after the cluster test (and alone by `./cryptorun test-sql`).
# Prints one line per check and "sql-test: N passed, M failed"; exit 0 only when all passed.
# The printed rows are checked by `cryptorun verify-sql-results` (jobs/.../cluster/SqlQueryResults).
# Settings: CRYPTORUN_LOCAL, CRYPTORUN_SQLIT_REST_PORT, CRYPTORUN_SQLIT_RPC_PORT,
#           CRYPTORUN_SQLIT_PROM_PORTS (Prometheus reporter port range, default 9270-9279),
#           CRYPTORUN_SQLIT_KEEP=1 (keep the test dir even when everything passed).
set -uo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
CR=$ROOT/cryptorun
STATE=${CRYPTORUN_LOCAL:-$ROOT/.local}
[[ $STATE == /* ]] || STATE=$PWD/$STATE
export CRYPTORUN_LOCAL=$STATE
IT_DIR=$STATE/flink/sqlit
export CRYPTORUN_FLINK_DIR=$IT_DIR/cluster
export CRYPTORUN_FLINK_REST_PORT=${CRYPTORUN_SQLIT_REST_PORT:-18091}
export CRYPTORUN_FLINK_RPC_PORT=${CRYPTORUN_SQLIT_RPC_PORT:-16133}
export CRYPTORUN_FLINK_PROM_PORTS=${CRYPTORUN_SQLIT_PROM_PORTS:-9270-9279}
export CRYPTORUN_FLINK_WAIT=180
unset CRYPTORUN_FLINK_REST CRYPTORUN_FLINK_CHECKPOINT_DIR CRYPTORUN_FLINK_SAVEPOINT_DIR KAFKA_BOOTSTRAP
# The client prints TIMESTAMP_LTZ in the JVM's zone; the checks compare in UTC.
export TZ=UTC
RUN_ID=$(date +%s)-$$
TOPIC=cryptorun.microstructure-sqltest-$RUN_ID
ALERTS_TOPIC=cryptorun.alerts-sqltest-$RUN_ID
EXITS_TOPIC=cryptorun.exits-sqltest-$RUN_ID
export CRYPTORUN_SQL_MICRO_TOPIC=$TOPIC CRYPTORUN_SQL_ALERTS_TOPIC=$ALERTS_TOPIC CRYPTORUN_SQL_EXITS_TOPIC=$EXITS_TOPIC
# The job's quarantine topic name is fixed (KafkaJsonSink.QUARANTINE_TOPIC), so it is shared.
export CRYPTORUN_SQL_QUARANTINE_TOPIC=cryptorun.quarantine
FIXTURE=$ROOT/fixtures/kraken-sim
QUERIES=$ROOT/sql/flink/queries

# shellcheck source=deploy/local/services.sh
source "$ROOT/deploy/local/services.sh"
SERVICES_STARTED=""

cr_test_init sql-test # say/pass/fail/check/need of deploy/local/lib.sh (sourced by services.sh)
UP=0 TOPIC_MADE=0
T0=$SECONDS

finish() {
  local rc=$?
  trap - EXIT INT TERM
  if (( UP )); then say "cleanup: cluster down"; "$CR" cluster down || fail "cluster down (cleanup)"; fi
  if (( TOPIC_MADE )); then
    for t in "$TOPIC" "$ALERTS_TOPIC" "$EXITS_TOPIC"; do
      services_kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$CRYPTORUN_KAFKA_BOOTSTRAP" \
        --delete --topic "$t" >/dev/null 2>&1 || say "WARNING: could not delete topic $t"
    done
  fi
  if [[ -n $SERVICES_STARTED ]]; then
    # shellcheck disable=SC2086
    services_down $SERVICES_STARTED || fail "stopping $SERVICES_STARTED (cleanup)"
  fi
  say "$CR_PASSED passed, $CR_FAILED failed in $((SECONDS - T0))s"
  printf 'sql-test: %d passed, %d failed\n' "$CR_PASSED" "$CR_FAILED"
  if (( CR_FAILED == 0 && rc == 0 )) && [[ ${CRYPTORUN_SQLIT_KEEP:-} != 1 ]]; then
    rm -rf "$IT_DIR"
  else
    say "kept $IT_DIR (client log: $IT_DIR/cluster/log/sql-client.log)"
  fi
  (( CR_FAILED == 0 && rc == 0 )) && exit 0
  exit 1
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$IT_DIR"
mkdir -p "$IT_DIR"

# 1. Kafka, PostgreSQL and fresh topics. Unlimited retention: the replayed records carry their 2025
#    event timestamps, and the default 7-day time retention would delete them behind our back.
need check "Kafka and PostgreSQL up" services_up kafka pg
eval "$(services_env)"
export CRYPTORUN_KAFKA_BOOTSTRAP CRYPTORUN_PG_URL CRYPTORUN_PG_USER CRYPTORUN_PG_PASSWORD
make_topic() {
  services_kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$CRYPTORUN_KAFKA_BOOTSTRAP" \
    --create --if-not-exists --topic "$1" --partitions 2 --replication-factor 1 --config retention.ms=-1
}
TOPIC_MADE=1
for t in "$TOPIC" "$ALERTS_TOPIC" "$EXITS_TOPIC" "$CRYPTORUN_SQL_QUARANTINE_TOPIC"; do
  need check "topic $t created (retention.ms=-1)" make_topic "$t"
done

# 2. Data: the bundled fixture replayed through the pipeline into the topics and PostgreSQL.
t=$SECONDS
replay() {
  PG_PASSWORD=$CRYPTORUN_PG_PASSWORD "$CR" replay --fixtures "$FIXTURE" --out "$IT_DIR/out" \
    --kafka "$CRYPTORUN_KAFKA_BOOTSTRAP" --kafka-topic "$TOPIC" --kafka-alerts-topic "$ALERTS_TOPIC" \
    --kafka-exits-topic "$EXITS_TOPIC" --pg-dsn "$CRYPTORUN_PG_URL" --pg-user "$CRYPTORUN_PG_USER" \
    >"$IT_DIR/replay.out" 2>&1 || { tail -n 30 "$IT_DIR/replay.out" >&2; return 1; }
}
need check "replay $(basename "$FIXTURE") into the topics and PostgreSQL" replay
for f in microstructure alerts exits regime scores; do
  need check "replay wrote $f.jsonl" test -s "$IT_DIR/out/$f.jsonl"
done
say "data took $((SECONDS - t))s"

# 3. The cluster the client submits to.
UP=1
t=$SECONDS
need check "cluster up" "$CR" cluster up
say "up took $((SECONDS - t))s"

# 4. Every example query through ./cryptorun sql -f.
run_query() { # name file
  local t=$SECONDS
  if "$CR" sql -f "$2" >"$IT_DIR/$1.out" 2>"$IT_DIR/$1.err"; then
    say "$1 ran in $((SECONDS - t))s"
  else
    tail -n 30 "$IT_DIR/$1.out" "$IT_DIR/$1.err" >&2
    return 1
  fi
}
n=0
for f in "$QUERIES"/*.sql; do
  n=$((n + 1))
  check "./cryptorun sql -f $(basename "$f") exits 0" run_query "$(basename "$f" .sql)" "$f"
done
check "queries found ($n)" test "$n" -ge 12
# The failure branch of liquidity_failures.sql: the simulated books are liquid at 50 bps / 100k USD,
# so run it once more with thresholds the data does cross (1 bps, 1M USD).
sed -e 's/spread_bps >= 50/spread_bps >= 1/g' -e 's/depth_usd < 100000/depth_usd < 1000000/g' \
  "$QUERIES/liquidity_failures.sql" >"$IT_DIR/liquidity_failures_tight.sql"
check "./cryptorun sql -f liquidity_failures.sql (tight thresholds) exits 0" \
  run_query liquidity_failures_tight "$IT_DIR/liquidity_failures_tight.sql"
echo "SELECT no_such_column FROM microstructure;" >"$IT_DIR/bad.sql"
bad_query_fails() { ! "$CR" sql -f "$IT_DIR/bad.sql" >"$IT_DIR/bad.out" 2>&1 && grep -q 'no_such_column' "$IT_DIR/bad.out"; }
check "a failing statement makes ./cryptorun sql -f exit non-zero" bad_query_fails

# 5. The printed rows against the replay's own output.
PG_PASSWORD=$CRYPTORUN_PG_PASSWORD "$CR" verify-sql-results --dir "$IT_DIR" --pg-dsn "$CRYPTORUN_PG_URL" \
  --pg-user "$CRYPTORUN_PG_USER" >"$IT_DIR/checks.out"
if read -r word p f < <(grep '^CHECKS ' "$IT_DIR/checks.out"); then
  CR_PASSED=$((CR_PASSED + p)) CR_FAILED=$((CR_FAILED + f))
else
  fail "result checks did not run"
fi

# 6. down
UP=0
check "cluster down" "$CR" cluster down
