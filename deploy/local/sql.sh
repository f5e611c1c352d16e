#!/usr/bin/env bash
# `./cryptorun sql`: the Flink 1.20.3 SQL client in embedded mode against the local session cluster
# (deploy/local/cluster.sh), preloaded with sql/flink/ddl.sql.
#
# CLI:  deploy/local/sql.sh [-f FILE] [other SqlClient options]
#       Without -f the client is interactive (needs a terminal); with -f it runs FILE and exits
#       (exit 1 when a statement failed: the client itself exits 0 then).
#
# What it does:
#   1. copies the client jars once (deploy/local/flink/sql-client/pom.xml) into
#      <state>/flink/sql-client (client JVM only) and <state>/flink/sql-lib (the Kafka connector,
#      given to the client with -l, which ships it with every query job to the cluster);
#   2. renders sql/flink/ddl.sql into a mode-0600 temporary <cluster dir>/sql/init.XXXXXX (topics,
#      Kafka, PostgreSQL URL/user/password; see the head of ddl.sql), removed when the client exits;
#   3. runs org.apache.flink.table.client.SqlClient embedded -i init.sql -l sql-lib with
#      FLINK_CONF_DIR = the cluster's rendered conf (so queries go to its REST port).
#
# Settings: those of cluster.sh (CRYPTORUN_LOCAL, CRYPTORUN_FLINK_DIR, CRYPTORUN_FLINK_REST_PORT, ...),
#   CRYPTORUN_KAFKA_BOOTSTRAP or KAFKA_BOOTSTRAP (default 127.0.0.1:19092),
#   CRYPTORUN_SQL_{MICRO,ALERTS,EXITS,QUARANTINE}_TOPIC (default cryptorun.<name>),
#   PG_DSN or CRYPTORUN_PG_URL, PG_USER or CRYPTORUN_PG_USER, PG_PASSWORD or PG_PASSWORD_FILE or
#   CRYPTORUN_PG_PASSWORD (docs/SECURITY.md; never printed),
#   CRYPTORUN_SQL_DDL (default <repo>/sql/flink/ddl.sql).
# The client's log goes to <cluster dir>/log/sql-client.log.
set -euo pipefail

SQL_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=deploy/local/cluster.sh
source "$SQL_ROOT/deploy/local/cluster.sh"

_sql_log() { printf '[sql] %s\n' "$*" >&2; }
_sql_die() { printf '[sql] ERROR: %s\n' "$*" >&2; exit 1; }

_cl_init || exit 1
SQL_CLIENT_LIB=$CL_STATE/flink/sql-client
SQL_CONN_LIB=$CL_STATE/flink/sql-lib
SQL_POM=$SQL_ROOT/deploy/local/flink/sql-client/pom.xml
SQL_DDL=${CRYPTORUN_SQL_DDL:-$SQL_ROOT/sql/flink/ddl.sql}
BOOTSTRAP=${CRYPTORUN_KAFKA_BOOTSTRAP:-${KAFKA_BOOTSTRAP:-127.0.0.1:19092}}
MICRO_TOPIC=${CRYPTORUN_SQL_MICRO_TOPIC:-cryptorun.microstructure}

# 1. jars (cached until the pom changes)
sql_jars() {
  local sum tmp log
  sum=$(sha256sum <"$SQL_POM" | cut -d' ' -f1)
  [[ -f $SQL_CLIENT_LIB/.complete && $(<"$SQL_CLIENT_LIB/.complete") == "$sum" &&
     -f $SQL_CONN_LIB/.complete && $(<"$SQL_CONN_LIB/.complete") == "$sum" ]] && return 0
  command -v mvn >/dev/null 2>&1 || _sql_die "mvn not found (needed once to fetch the SQL client jars)"
  log=$CL_STATE/flink/sql-mvn-copy.log
  mkdir -p "$CL_STATE/flink"
  _sql_log "copying the SQL client jars (mvn dependency:copy-dependencies, log $log)"
  tmp=$CL_STATE/flink/sql.tmp
  rm -rf "$tmp"
  {
    mvn -B -q -ntp -f "$SQL_POM" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$tmp/client" \
      -DincludeArtifactIds=flink-sql-client,flink-sql-gateway,flink-sql-gateway-api,flink-python &&
    mvn -B -q -ntp -f "$SQL_POM" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$tmp/connectors" \
      -DincludeArtifactIds=flink-connector-kafka,kafka-clients,lz4-java,snappy-java,zstd-jni,flink-connector-jdbc-core,flink-connector-jdbc-postgres,postgresql
  } >"$log" 2>&1 || { tail -n 40 "$log" >&2; _sql_die "fetching the SQL client jars failed"; }
  rm -rf "$SQL_CLIENT_LIB" "$SQL_CONN_LIB"
  mv "$tmp/client" "$SQL_CLIENT_LIB" && mv "$tmp/connectors" "$SQL_CONN_LIB" && rm -rf "$tmp"
  printf '%s\n' "$sum" >"$SQL_CLIENT_LIB/.complete"
  printf '%s\n' "$sum" >"$SQL_CONN_LIB/.complete"
}

# 2. the init file. It carries the PostgreSQL password, so it is a mode-0600 temporary file removed
#    when the client exits, and the password is substituted in bash (never on a command line).
ALERTS_TOPIC=${CRYPTORUN_SQL_ALERTS_TOPIC:-cryptorun.alerts}
EXITS_TOPIC=${CRYPTORUN_SQL_EXITS_TOPIC:-cryptorun.exits}
QUARANTINE_TOPIC=${CRYPTORUN_SQL_QUARANTINE_TOPIC:-cryptorun.quarantine}
PG_URL=${PG_DSN:-${CRYPTORUN_PG_URL:-jdbc:postgresql://127.0.0.1:15432/cryptorun}}
PG_USER_NAME=${PG_USER:-${CRYPTORUN_PG_USER:-cryptorun}}
sql_pg_password() {
  if [[ -n ${PG_PASSWORD:-} ]]; then printf '%s' "$PG_PASSWORD"
  elif [[ -n ${PG_PASSWORD_FILE:-} ]]; then
    [[ -r $PG_PASSWORD_FILE ]] || _sql_die "PG_PASSWORD_FILE is not readable"
    local pw; pw=$(<"$PG_PASSWORD_FILE"); printf '%s' "${pw%$'\n'}"
  else printf '%s' "${CRYPTORUN_PG_PASSWORD:-}"
  fi
}
sql_render_ddl() {
  [[ -f $SQL_DDL ]] || _sql_die "$SQL_DDL is missing"
  [[ $BOOTSTRAP =~ ^[A-Za-z0-9._:,-]+$ ]] || _sql_die "not a bootstrap server list: $BOOTSTRAP"
  local t
  for t in "$MICRO_TOPIC" "$ALERTS_TOPIC" "$EXITS_TOPIC" "$QUARANTINE_TOPIC"; do
    [[ $t =~ ^[A-Za-z0-9._-]+$ ]] || _sql_die "not a Kafka topic name: $t"
  done
  [[ $PG_URL =~ ^jdbc:postgresql://[^\ \']+$ ]] || _sql_die "PG_DSN / CRYPTORUN_PG_URL is not a jdbc:postgresql:// URL"
  [[ $PG_URL != *password=* ]] || _sql_die "PG_DSN must not carry a password (use PG_PASSWORD or PG_PASSWORD_FILE)"
  [[ $PG_USER_NAME =~ ^[A-Za-z0-9_.-]+$ ]] || _sql_die "not a PostgreSQL user name: $PG_USER_NAME"
  local pw ddl
  pw=$(sql_pg_password)
  pw=${pw//\'/"''"}   # SQL string literal; quoted replacements: no '&' expansion (bash 5.2)
  ddl=$(<"$SQL_DDL")
  ddl=${ddl//'${KAFKA_BOOTSTRAP}'/"$BOOTSTRAP"}
  ddl=${ddl//'${MICRO_TOPIC}'/"$MICRO_TOPIC"}
  ddl=${ddl//'${ALERTS_TOPIC}'/"$ALERTS_TOPIC"}
  ddl=${ddl//'${EXITS_TOPIC}'/"$EXITS_TOPIC"}
  ddl=${ddl//'${QUARANTINE_TOPIC}'/"$QUARANTINE_TOPIC"}
  ddl=${ddl//'${PG_URL}'/"$PG_URL"}
  ddl=${ddl//'${PG_USER}'/"$PG_USER_NAME"}
  ddl=${ddl//'${PG_PASSWORD}'/"$pw"}
  mkdir -p "$CL_DIR/sql"
  SQL_INIT=$(umask 077 && mktemp "$CL_DIR/sql/init.XXXXXX")
  printf -- '-- Rendered by deploy/local/sql.sh from %s; deleted when the client exits.\n%s\n' "$SQL_DDL" "$ddl" >"$SQL_INIT"
}

# The cluster's runtime jars and rendered conf come from `cluster up`.
[[ -f $CL_LIB/.complete && -f $CL_CONF/config.yaml ]] ||
  _sql_die "no local cluster in $CL_DIR: run ./cryptorun cluster up first"
_cl_reachable || _sql_die "the Flink REST API at $CL_REST does not answer: run ./cryptorun cluster up first"
sql_jars
sql_render_ddl
trap 'rm -f "$SQL_INIT"' EXIT
mkdir -p "$CL_LOGDIR"
_sql_log "cluster $CL_REST, Kafka $BOOTSTRAP, topic $MICRO_TOPIC; log $CL_LOGDIR/sql-client.log"
# File arguments relative to the caller's directory (the client runs from the cluster dir).
args=()
while (( $# )); do
  case $1 in
    -f|--file|-i|--init|-j|--jar|-l|--library)
      (( $# >= 2 )) || _sql_die "$1 needs a value"
      [[ $2 == /* || $2 == *://* ]] && args+=("$1" "$2") || args+=("$1" "$PWD/$2")
      shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
for (( i = 0; i < ${#args[@]}; i++ )); do
  if [[ ${args[i]} == -f || ${args[i]} == --file ]] && [[ ! -f ${args[i + 1]} ]]; then
    _sql_die "no such SQL file: ${args[i + 1]}"
  fi
done
cd "$CL_DIR"
export FLINK_CONF_DIR=$CL_CONF
cmd=("$CL_JAVA" "${CL_JAVA17_OPENS[@]}" -Xmx512m -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
  "-Dlog.file=$CL_LOGDIR/sql-client.log" "-Dlog4j.configurationFile=$CL_CONF/log4j.properties"
  -cp "$CL_LIB/*:$SQL_CLIENT_LIB/*" org.apache.flink.table.client.SqlClient embedded
  -i "$SQL_INIT" -l "$SQL_CONN_LIB" "${args[@]}")
# Not exec: the trap must remove the rendered init file (it holds the password) afterwards.
if [[ " ${args[*]} " != *" -f "* && " ${args[*]} " != *" --file "* ]]; then
  rc=0; "${cmd[@]}" || rc=$?; exit "$rc"
fi
# With -f the 1.20 client exits 0 even when a statement failed (it prints "[ERROR] ..." and stops):
# pass its output through and turn an [ERROR] into exit status 1.
out=$(mktemp "${TMPDIR:-/tmp}/cryptorun-sql.XXXXXX")
trap 'rm -f "$out" "$SQL_INIT"' EXIT
rc=0
"${cmd[@]}" </dev/null | tee "$out" || rc=$?
if (( rc == 0 )) && grep -q '\[ERROR\]' "$out"; then
  _sql_log "a statement failed (see [ERROR] above; log $CL_LOGDIR/sql-client.log)"
  rc=1
fi
exit "$rc"
