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
    for t in "$TOPIC" "$ALERTS_TOPIC" "$EXITS_TOPIC"; do
      services_kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$CRYPTORUN_KAFKA_BOOTSTRAP" \
        --delete --topic "$t" >/dev/null 2>&1 || say "WARNING: could not delete topic $t"
    done
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
python3 - "$IT_DIR" >&2 <<'PY'
import collections, datetime, json, os, subprocess, sys
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
def num_close(a, b, tol=1e-9):
    return abs(float(a) - float(b)) <= tol * max(1.0, abs(float(b)))
def jsonl(name):
    return [json.loads(l) for l in open(os.path.join(it, "out", name + ".jsonl")) if l.strip()]

# latest_alerts (Kafka) against alerts.jsonl
al = sorted(jsonl("alerts"), key=lambda a: (-a["ts"], a["symbol"], a.get("channel") or ""))[:20]
t = table("latest_alerts")
claim(t is not None and len(t) == len(al) > 0, f"latest_alerts: {None if t is None else len(t)} rows == alerts.jsonl {len(al)}")
for row, exp in zip(t or [], al):
    claim(row["ts_ltz"] == utc(exp["ts"]) and row["symbol"] == exp["symbol"] and row["band"] == exp["band"]
          and row["regime"] == exp["regime"] and num_close(row["score"], exp["score"])
          and D(row["spread_bps"]) == D(str(exp["microstructure"]["spread_bps"])),
          f"latest_alerts {row['ts_ltz']} {row['symbol']} score {row['score']} {row['band']} == jsonl {utc(exp['ts'])} {exp['symbol']} {exp['score']} {exp['band']}")

# exits_by_reason (Kafka) against exits.jsonl
ex = collections.defaultdict(list)
for e in jsonl("exits"): ex[e["reason"]].append(e)
t = table("exits_by_reason")
got = None if t is None else {r["reason"]: r for r in t}
claim(got is not None and set(got) == set(ex) and len(ex) > 0, f"exits_by_reason: reasons {sorted(got or {})} == exits.jsonl {sorted(ex)}")
for reason, g in ex.items():
    row = (got or {}).get(reason)
    claim(row is not None and int(row["exits"]) == len(g) and num_close(row["avg_pnl_pct"], sum(e["pnl_pct"] for e in g) / len(g), 1e-5)
          and num_close(row["fraction_closed"], sum(e["fraction"] for e in g), 1e-5),
          f"exits_by_reason {reason}: {row and row['exits']} exits, avg pnl {row and row['avg_pnl_pct']} == jsonl {len(g)}, {sum(e['pnl_pct'] for e in g) / len(g):.6f}")

# quarantine_by_reason: the topic is shared with every run, so the replay's own quarantines must be included.
q = collections.Counter((r["venue"], r["reason"]) for r in jsonl("quarantine"))
t = table("quarantine_by_reason")
got = None if t is None else {(r["venue"], r["reason"]): int(r["frames"]) for r in t}
claim(got is not None and all(got.get(k, 0) >= n for k, n in q.items()),
      f"quarantine_by_reason: {len(got or {})} (venue, reason) rows include the replay's {dict(q)}")

# pg_* queries against the same aggregates computed by psql.
def psql(sql):
    u = os.environ["CRYPTORUN_PG_URL"][len("jdbc:postgresql://"):]
    hostport, db = u.split("/", 1)
    host, port = hostport.split(":")
    env = dict(os.environ, PGPASSWORD=os.environ["CRYPTORUN_PG_PASSWORD"], PGTZ="UTC")
    out = subprocess.run(["psql", "-X", "-At", "-F", "|", "-h", host, "-p", port, "-U", os.environ["CRYPTORUN_PG_USER"], "-d", db.split("?")[0], "-c", sql],
                         env=env, check=True, capture_output=True, text=True).stdout
    return [l.split("|") for l in out.splitlines() if l]
def us(col): return f"(extract(epoch from {col}) * 1000000)::bigint"

t = table("gate_trip_rates")
total = int(psql("SELECT count(*) FROM premove_artifacts")[0][0])
exp = {r: int(n) for r, n in psql("SELECT r, count(*) FROM premove_artifacts, unnest(reasons) AS r GROUP BY r")}
got = None if t is None else {r["reason"]: (int(r["trips"]), D(r["trip_rate"])) for r in t}
claim(got is not None and len(exp) > 0 and {k: v[0] for k, v in got.items()} == exp
      and all(abs(v[1] - D(exp[k]) / D(total)) <= D("0.000001") for k, v in got.items()),
      f"gate_trip_rates: {len(got or {})} reasons, trips {sorted((got or {}).items())[:3]}... == psql {sorted(exp.items())[:3]}... of {total}")
claim(total >= len(jsonl("scores")), f"premove_artifacts holds at least the replay's {len(jsonl('scores'))} scores ({total})")

t = table("regime_history")
snaps = psql(f"SELECT {us('ts')}, regime FROM regime_snapshots ORDER BY ts")
stretches = []
for ts, regime in snaps:
    if stretches and stretches[-1][0] == regime:
        stretches[-1][2] = int(ts); stretches[-1][3] += 1
    else:
        stretches.append([regime, int(ts), int(ts), 1])
got = None if t is None else [(r["regime"], r["since"], r["last_snapshot"], int(r["snapshots"])) for r in t]
claim(got == [(r, utc(a), utc(b), n) for r, a, b, n in stretches] and len(stretches) > 0,
      f"regime_history: {len(got or [])} stretches == psql {len(stretches)} (first {stretches[:1]})")

t = table("pg_spread_depth_by_venue")
exp = {(v, s): (int(n), D(mx), D(mn)) for v, s, n, mx, mn in psql("SELECT venue, symbol, count(*), max(spread_bps), min(depth_usd) FROM microstructure GROUP BY 1, 2")}
avg = {(v, s): (D(a), D(b)) for v, s, a, b in psql("SELECT venue, symbol, avg(spread_bps), avg(depth_usd) FROM microstructure GROUP BY 1, 2")}
got = None if t is None else {(r["venue"], r["symbol"]): r for r in t}
claim(got is not None and set(got) == set(exp) and len(exp) > 0
      and all(int(r["seconds"]) == exp[k][0] and D(r["max_spread_bps"]) == exp[k][1] and D(r["min_depth_usd"]) == exp[k][2]
              and abs(D(r["avg_spread_bps"]) - avg[k][0]) <= D("0.0001") and abs(D(r["avg_depth_usd"]) - avg[k][1]) <= D("0.01") for k, r in got.items()),
      f"pg_spread_depth_by_venue: {len(got or {})} (venue, symbol) rows, counts/max spread/min depth exact, averages to 4/2 places == psql")

t = table("pg_alerts_by_symbol")
exp = {(s, b): (int(n), utc(int(l))) for s, b, n, l in psql(f"SELECT symbol, band, count(*), max({us('ts')}) FROM alerts GROUP BY 1, 2")}
got = None if t is None else {(r["symbol"], r["band"]): (int(r["alerts"]), r["last_alert"]) for r in t}
claim(got == exp and len(exp) > 0, f"pg_alerts_by_symbol: {got} == psql {exp}")

t = table("pg_exits_pnl")
exp = {s: (int(n), int(p), float(w)) for s, n, p, w in psql("SELECT symbol, count(*), count(DISTINCT entry_ts), sum(pnl_pct * fraction) FROM exits GROUP BY 1")}
got = None if t is None else {r["symbol"]: (int(r["exits"]), int(r["positions"]), float(r["weighted_pnl_pct"])) for r in t}
claim(got is not None and set(got) == set(exp) and len(exp) > 0
      and all(got[k][:2] == exp[k][:2] and abs(got[k][2] - exp[k][2]) <= 1e-6 for k in exp),
      f"pg_exits_pnl: {got} == psql {exp}")

t = table("pg_bars_coverage")
exp = {(i, s): (int(n), utc(int(a)), utc(int(b))) for i, s, n, a, b in psql(f'SELECT "interval", symbol, count(*), min({us("ts")}), max({us("ts")}) FROM bars GROUP BY 1, 2')}
got = None if t is None else {(r["interval"], r["symbol"]): (int(r["bars"]), r["first_bar"], r["last_bar"]) for r in t}
claim(got == exp and len(exp) > 0, f"pg_bars_coverage: {len(got or {})} (interval, symbol) rows == psql {len(exp)}")
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
