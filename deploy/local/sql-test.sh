#!/usr/bin/env bash
# Integration test of `./cryptorun sql`: provisions everything from nothing and stops what it started.
#   Kafka (services.sh, unless already running) -> a fresh topic -> simulate a small fixture
#   (seed 5, 3 symbols, 1 h) -> replay it into the topic (exactly-once, as the scanner writes it) ->
#   its own session cluster (REST 18091, RPC 16133, Prometheus 9270-9279) -> every query in
#   sql/flink/queries/ with `./cryptorun sql -f` -> the printed rows checked against the replay's
#   own microstructure.jsonl -> cluster down, topic deleted, Kafka stopped if this test started it.
#
# Run by `./cryptorun test` after the cluster test (and alone by `./cryptorun test-sql`).
# Prints one line per check and "sql-test: N passed, M failed"; exit 0 only when all passed.
# Settings: CRYPTORUN_LOCAL, CRYPTORUN_SQLIT_REST_PORT, CRYPTORUN_SQLIT_RPC_PORT,
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
export CRYPTORUN_FLINK_PROM_PORTS=9270-9279
export CRYPTORUN_FLINK_WAIT=180
unset CRYPTORUN_FLINK_REST CRYPTORUN_FLINK_CHECKPOINT_DIR CRYPTORUN_FLINK_SAVEPOINT_DIR KAFKA_BOOTSTRAP
# The client prints TIMESTAMP_LTZ in the JVM's zone; the checks compare in UTC.
export TZ=UTC
TOPIC=cryptorun.microstructure-sqltest-$(date +%s)-$$
export CRYPTORUN_SQL_MICRO_TOPIC=$TOPIC
QUERIES=$ROOT/sql/flink/queries

# shellcheck source=deploy/local/services.sh
source "$ROOT/deploy/local/services.sh"
SERVICES_STARTED=""

PASSED=0 FAILED=0 UP=0 TOPIC_MADE=0
T0=$SECONDS
say() { printf '[sql-test] %s\n' "$*" >&2; }
pass() { PASSED=$((PASSED + 1)); printf '[sql-test] PASS %s\n' "$*" >&2; }
fail() { FAILED=$((FAILED + 1)); printf '[sql-test] FAIL %s\n' "$*" >&2; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
need() { "$@" || { say "cannot continue after that failure"; exit 1; }; }

finish() {
  local rc=$?
  trap - EXIT INT TERM
  if (( UP )); then say "cleanup: cluster down"; "$CR" cluster down || fail "cluster down (cleanup)"; fi
  if (( TOPIC_MADE )); then
    services_kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$CRYPTORUN_KAFKA_BOOTSTRAP" \
      --delete --topic "$TOPIC" >/dev/null 2>&1 || say "WARNING: could not delete topic $TOPIC"
  fi
  if [[ -n $SERVICES_STARTED ]]; then
    # shellcheck disable=SC2086
    services_down $SERVICES_STARTED || fail "stopping $SERVICES_STARTED (cleanup)"
  fi
  say "$PASSED passed, $FAILED failed in $((SECONDS - T0))s"
  printf 'sql-test: %d passed, %d failed\n' "$PASSED" "$FAILED"
  if (( FAILED == 0 && rc == 0 )) && [[ ${CRYPTORUN_SQLIT_KEEP:-} != 1 ]]; then
    rm -rf "$IT_DIR"
  else
    say "kept $IT_DIR (client log: $IT_DIR/cluster/log/sql-client.log)"
  fi
  (( FAILED == 0 && rc == 0 )) && exit 0
  exit 1
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$IT_DIR"
mkdir -p "$IT_DIR"

# 1. Kafka and a fresh topic. Unlimited retention: the replayed records carry their 2025 event
#    timestamps, and the default 7-day time retention would delete them behind our back.
need check "Kafka up" services_up kafka
eval "$(services_env)"
export CRYPTORUN_KAFKA_BOOTSTRAP
need check "topic $TOPIC created (retention.ms=-1)" services_kafka_tool org.apache.kafka.tools.TopicCommand \
  --bootstrap-server "$CRYPTORUN_KAFKA_BOOTSTRAP" --create --topic "$TOPIC" --partitions 2 \
  --replication-factor 1 --config retention.ms=-1
TOPIC_MADE=1

# 2. Data: a small simulated fixture replayed through the pipeline into the topic.
t=$SECONDS
need check "simulate a fixture" "$CR" simulate --seed 5 --symbols 3 --hours 1 --history-days 1 --out "$IT_DIR/fixture"
need check "replay it into $TOPIC" "$CR" replay --fixtures "$IT_DIR/fixture" --out "$IT_DIR/out" \
  --kafka "$CRYPTORUN_KAFKA_BOOTSTRAP" --kafka-topic "$TOPIC"
need check "replay wrote microstructure.jsonl" test -s "$IT_DIR/out/microstructure.jsonl"
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
check "queries found ($n)" test "$n" -ge 3
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
python3 - "$IT_DIR" >&2 <<'PY'
import collections, datetime, json, os, sys
from decimal import Decimal as D
it = sys.argv[1]
rows = [json.loads(l) for l in open(os.path.join(it, "out", "microstructure.jsonl")) if l.strip()]
ok_n = bad_n = 0
def claim(cond, text):
    global ok_n, bad_n
    print(("[sql-test] PASS " if cond else "[sql-test] FAIL ") + text, file=sys.stderr)
    if cond: ok_n += 1
    else: bad_n += 1
def table(name):
    path = os.path.join(it, name + ".out")
    if not os.path.exists(path): return None
    lines = [l for l in open(path, errors="replace") if l.startswith("|")]
    if "Empty set" in open(path, errors="replace").read(): return []
    if not lines: return None
    head = [c.strip() for c in lines[0].strip().strip("|").split("|")]
    return [dict(zip(head, [c.strip() for c in l.strip().strip("|").split("|")])) for l in lines[1:]]
def utc(us):
    return datetime.datetime.fromtimestamp(us / 1e6, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
by = collections.defaultdict(list)
for r in rows: by[(r["venue"], r["symbol"])].append(r)

# latest_per_symbol
t = table("latest_per_symbol")
claim(t is not None and len(t) == len(by), f"latest_per_symbol: {None if t is None else len(t)} rows, {len(by)} (venue, symbol) in the jsonl")
for row in t or []:
    exp = max(by[(row["venue"], row["symbol"])], key=lambda r: r["ts"])
    same = (row["ts_ltz"] == utc(exp["ts"]) and D(row["bid"]) == D(str(exp["bid"])) and D(row["ask"]) == D(str(exp["ask"]))
            and D(row["mid"]) == D(str(exp["mid"])) and D(row["depth_usd"]) == D(str(exp["depth_usd"])) and int(row["frame"]) == exp["frame"])
    claim(same, f"latest_per_symbol {row['symbol']}: ts {row['ts_ltz']} bid {row['bid']} frame {row['frame']} == jsonl ts {utc(exp['ts'])} bid {exp['bid']} frame {exp['frame']}")

# spread_depth_by_venue
t = table("spread_depth_by_venue")
claim(t is not None and len(t) == len(by), f"spread_depth_by_venue: {None if t is None else len(t)} rows")
for row in t or []:
    g = by[(row["venue"], row["symbol"])]
    sp = [D(str(r["spread_bps"])) for r in g]; dp = [D(str(r["depth_usd"])) for r in g]
    avg_sp = sum(sp) / len(sp)
    claim(int(row["seconds"]) == len(g) and row["first_ts"] == utc(min(r["ts"] for r in g)) and row["last_ts"] == utc(max(r["ts"] for r in g)),
          f"spread_depth_by_venue {row['symbol']}: {row['seconds']} seconds {row['first_ts']} .. {row['last_ts']} == jsonl {len(g)}")
    claim(D(row["min_spread_bps"]) == min(sp) and D(row["max_spread_bps"]) == max(sp) and D(row["min_depth_usd"]) == min(dp)
          and abs(D(row["avg_spread_bps"]) - avg_sp) <= D("0.0001") and abs(D(row["avg_depth_usd"]) - sum(dp) / len(dp)) <= D("0.01"),
          f"spread_depth_by_venue {row['symbol']}: min/avg/max spread {row['min_spread_bps']}/{row['avg_spread_bps']}/{row['max_spread_bps']} bps, "
          f"min depth {row['min_depth_usd']} exact vs jsonl {min(sp)}/{avg_sp:.4f}/{max(sp)}, {min(dp)}")

# liquidity_failures at the real and at tight thresholds
for name, s_max, d_min in (("liquidity_failures", D(50), D(100000)), ("liquidity_failures_tight", D(1), D(1000000))):
    exp = {}
    for k, g in by.items():
        f = [r for r in g if D(str(r["spread_bps"])) >= s_max or D(str(r["depth_usd"])) < d_min]
        if f:
            exp[k] = (len(g), len(f), sum(D(str(r["spread_bps"])) >= s_max for r in g), sum(D(str(r["depth_usd"])) < d_min for r in g), utc(max(r["ts"] for r in f)))
    t = table(name)
    got = None if t is None else {(r["venue"], r["symbol"]): (int(r["seconds"]), int(r["failing_seconds"]), int(r["wide_spread_seconds"]), int(r["thin_depth_seconds"]), r["last_failure"]) for r in t}
    claim(got == exp, f"{name} (spread >= {s_max} bps or depth < {d_min} USD): {len(got) if got is not None else None} failing symbols, "
          f"counts {sorted(v[1] for v in (got or {}).values())} == jsonl {sorted(v[1] for v in exp.values())}")
print(f"CHECKS {ok_n} {bad_n}")
with open(os.path.join(it, "checks"), "w") as f: f.write(f"{ok_n} {bad_n}\n")
PY
if [[ -f $IT_DIR/checks ]]; then
  read -r p f <"$IT_DIR/checks"
  PASSED=$((PASSED + p)) FAILED=$((FAILED + f))
else
  fail "result checks did not run"
fi

# 6. down
UP=0
check "cluster down" "$CR" cluster down
