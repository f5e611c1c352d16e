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
#   2. renders sql/flink/ddl.sql into <cluster dir>/sql/init.sql (${KAFKA_BOOTSTRAP}, ${MICRO_TOPIC});
#   3. runs org.apache.flink.table.client.SqlClient embedded -i init.sql -l sql-lib with
#      FLINK_CONF_DIR = the cluster's rendered conf (so queries go to its REST port).
#
# Settings: those of cluster.sh (CRYPTORUN_LOCAL, CRYPTORUN_FLINK_DIR, CRYPTORUN_FLINK_REST_PORT, ...),
#   CRYPTORUN_KAFKA_BOOTSTRAP or KAFKA_BOOTSTRAP (default 127.0.0.1:19092),
#   CRYPTORUN_SQL_MICRO_TOPIC (default cryptorun.microstructure),
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
      -DincludeArtifactIds=flink-connector-kafka,kafka-clients,lz4-java,snappy-java,zstd-jni
  } >"$log" 2>&1 || { tail -n 40 "$log" >&2; _sql_die "fetching the SQL client jars failed"; }
  rm -rf "$SQL_CLIENT_LIB" "$SQL_CONN_LIB"
  mv "$tmp/client" "$SQL_CLIENT_LIB" && mv "$tmp/connectors" "$SQL_CONN_LIB" && rm -rf "$tmp"
  printf '%s\n' "$sum" >"$SQL_CLIENT_LIB/.complete"
  printf '%s\n' "$sum" >"$SQL_CONN_LIB/.complete"
}

# 2. the init file
sql_render_ddl() {
  [[ -f $SQL_DDL ]] || _sql_die "$SQL_DDL is missing"
  [[ $BOOTSTRAP =~ ^[A-Za-z0-9._:,-]+$ ]] || _sql_die "not a bootstrap server list: $BOOTSTRAP"
  [[ $MICRO_TOPIC =~ ^[A-Za-z0-9._-]+$ ]] || _sql_die "not a Kafka topic name: $MICRO_TOPIC"
  mkdir -p "$CL_DIR/sql"
  SQL_INIT=$CL_DIR/sql/init.sql
  {
    printf -- '-- Rendered by deploy/local/sql.sh from %s; edit that file, not this copy.\n' "$SQL_DDL"
    sed -e "s|\${KAFKA_BOOTSTRAP}|$BOOTSTRAP|g" -e "s|\${MICRO_TOPIC}|$MICRO_TOPIC|g" "$SQL_DDL"
  } >"$SQL_INIT"
}

# The cluster's runtime jars and rendered conf come from `cluster up`.
[[ -f $CL_LIB/.complete && -f $CL_CONF/config.yaml ]] ||
  _sql_die "no local cluster in $CL_DIR: run ./cryptorun cluster up first"
_cl_reachable || _sql_die "the Flink REST API at $CL_REST does not answer: run ./cryptorun cluster up first"
sql_jars
sql_render_ddl
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
[[ " ${args[*]} " == *" -f "* || " ${args[*]} " == *" --file "* ]] || exec "${cmd[@]}"
# With -f the 1.20 client exits 0 even when a statement failed (it prints "[ERROR] ..." and stops):
# pass its output through and turn an [ERROR] into exit status 1.
out=$(mktemp "${TMPDIR:-/tmp}/cryptorun-sql.XXXXXX")
trap 'rm -f "$out"' EXIT
rc=0
"${cmd[@]}" </dev/null | tee "$out" || rc=$?
if (( rc == 0 )) && grep -q '\[ERROR\]' "$out"; then
  _sql_log "a statement failed (see [ERROR] above; log $CL_LOGDIR/sql-client.log)"
  rc=1
fi
exit "$rc"
