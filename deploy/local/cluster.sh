#!/usr/bin/env bash
# CryptoRun local Flink 1.20.3 session cluster: one JobManager + one TaskManager on loopback,
# assembled from Maven jars (no flink-dist, no Docker), plus the REST operations on jobs
# (submit, savepoint, stop, health). Idempotent; `down` only ever stops processes started from
# this cluster dir (pid file + command line checked), and the services `up --with-services` started.
#
# CLI:      deploy/local/cluster.sh up [--with-services] | down | status
#           deploy/local/cluster.sh submit JAR [--from-savepoint PATH] [--parallelism N]
#                                   [--allow-non-restored-state] [-- JOB ARGS]     (prints the job id)
#           deploy/local/cluster.sh savepoint [JOB_ID]                      (prints the savepoint path)
#           deploy/local/cluster.sh stop [--savepoint] [JOB_ID]   (with --savepoint prints the path;
#                                                                  without it cancels the job)
#           deploy/local/cluster.sh health [--max-checkpoint-age SECONDS] [--max-freshness SECONDS] [JOB_ID]
#           status exits 0 when JM, TM and the REST API are up, 3 otherwise; health exits 0 when
#           healthy, 1 when not. JOB_ID defaults to the one job that is not finished.
# Library:  source deploy/local/cluster.sh; cluster_up [--with-services]; cluster_down; cluster_status;
#           cluster_submit ...; cluster_savepoint ...; cluster_stop ...; cluster_health ...;
#           cluster_get /rest/path (body on stdout); cluster_json /json/pointer... < body
#
# Settings (environment):
#   CRYPTORUN_LOCAL                state root (default <repo>/.local), shared with services.sh
#   CRYPTORUN_FLINK_LIB            runtime jars, a cache shared by all clusters (default <state>/flink/lib)
#   CRYPTORUN_FLINK_DIR            this cluster's dir: conf, log, pids, tmp, checkpoints, savepoints
#                                  (default <state>/flink/cluster)
#   CRYPTORUN_FLINK_CONF           config template (default <repo>/flink-conf/config.yaml)
#   CRYPTORUN_FLINK_REST_PORT      REST API / web UI (default 8081)
#   CRYPTORUN_FLINK_RPC_PORT       JobManager RPC (default 6123)
#   CRYPTORUN_FLINK_PROM_PORTS     Prometheus reporter port range (default 9249-9259)
#   CRYPTORUN_FLINK_CHECKPOINT_DIR checkpoint dir URI (default file://<cluster dir>/checkpoints)
#   CRYPTORUN_FLINK_SAVEPOINT_DIR  savepoint dir URI (default file://<cluster dir>/savepoints)
#   CRYPTORUN_FLINK_WAIT           seconds to wait for JM + TM readiness (default 120)
#   CRYPTORUN_FLINK_OP_WAIT        seconds to wait for a savepoint / stop (default 300)
#   CRYPTORUN_FLINK_REST           REST base URL for submit/savepoint/stop/health
#                                  (default http://127.0.0.1:<rest port>; may name any Flink 1.20 cluster)
#
# Needs: java 17, curl, mvn once (to copy the runtime jars and build the CLI). JSON is read and the
# health verdict computed by the Java CLI (cryptorun json / flink-rest / health, jobs/.../cluster).
# Written to be sourced by scripts running `set -euo pipefail` (same conventions as services.sh).

CL_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=deploy/local/services.sh
source "$CL_ROOT/deploy/local/services.sh" # helpers (_svc_alive, _svc_port_busy, ...) and services_up/down

_cl_log() { cr_log cluster "$@"; }
_cl_fail() { cr_fail cluster "$@"; }
_cl_tail() { cr_tail cluster "$@"; } # file [lines]

# Flink's own Java 17 options: flink-conf/jvm-opens.txt, the one list (see deploy/local/lib.sh).
cr_jvm_opens || return 1 2>/dev/null || exit 1
CL_JAVA17_OPENS=("${CR_JVM_OPENS[@]}")
CL_JM_CLASS=org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
CL_TM_CLASS=org.apache.flink.runtime.taskexecutor.TaskManagerRunner

_cl_num() { cr_is_number "$2" || { _cl_fail "$1 is not a number: $2"; return 1; }; }

# Reads the settings afresh on every public call.
_cl_init() {
  _svc_init || return 1
  CL_STATE=$SVC_STATE
  CL_LIB=${CRYPTORUN_FLINK_LIB:-$CL_STATE/flink/lib}
  CL_DIR=${CRYPTORUN_FLINK_DIR:-$CL_STATE/flink/cluster}
  [[ $CL_LIB == /* ]] || CL_LIB=$PWD/$CL_LIB
  [[ $CL_DIR == /* ]] || CL_DIR=$PWD/$CL_DIR
  CL_CONF_SRC=${CRYPTORUN_FLINK_CONF:-$CL_ROOT/flink-conf/config.yaml}
  CL_REST_PORT=${CRYPTORUN_FLINK_REST_PORT:-8081}
  CL_RPC_PORT=${CRYPTORUN_FLINK_RPC_PORT:-6123}
  CL_PROM_PORTS=${CRYPTORUN_FLINK_PROM_PORTS:-9249-9259}
  CL_WAIT=${CRYPTORUN_FLINK_WAIT:-120}
  CL_OP_WAIT=${CRYPTORUN_FLINK_OP_WAIT:-300}
  _cl_num CRYPTORUN_FLINK_REST_PORT "$CL_REST_PORT" && _cl_num CRYPTORUN_FLINK_RPC_PORT "$CL_RPC_PORT" &&
    _cl_num CRYPTORUN_FLINK_WAIT "$CL_WAIT" && _cl_num CRYPTORUN_FLINK_OP_WAIT "$CL_OP_WAIT" || return 1
  [[ $CL_PROM_PORTS =~ ^[0-9]+(-[0-9]+)?$ ]] || { _cl_fail "CRYPTORUN_FLINK_PROM_PORTS is not a port or range: $CL_PROM_PORTS"; return 1; }
  CL_CHK_DIR=${CRYPTORUN_FLINK_CHECKPOINT_DIR:-file://$CL_DIR/checkpoints}
  CL_SP_DIR=${CRYPTORUN_FLINK_SAVEPOINT_DIR:-file://$CL_DIR/savepoints}
  CL_REST=${CRYPTORUN_FLINK_REST:-http://127.0.0.1:$CL_REST_PORT}
  CL_REST=${CL_REST%/}
  CL_CONF=$CL_DIR/conf
  CL_LOGDIR=$CL_DIR/log
  CL_JAVA=$SVC_JAVA
  return 0
}

# ---------------------------------------------------------------------------------------------
# REST + JSON helpers
# ---------------------------------------------------------------------------------------------

# cluster_get PATH: GET, body on stdout; non-zero (and the body on stderr) unless HTTP 2xx.
cluster_get() { _cl_http GET "$1"; }
# _cl_http METHOD PATH [JSON BODY]
_cl_http() {
  local out code
  local -a data=()
  command -v curl >/dev/null 2>&1 || { _cl_fail "curl not found"; return 1; }
  [[ -z ${3:-} ]] || data=(--data-binary "$3")
  if ! out=$(curl -sS --connect-timeout 5 --max-time 60 -X "$1" -H 'Content-Type: application/json' \
      "${data[@]}" -w '\n%{http_code}' "$CL_REST$2" 2>&1); then
    printf '%s\n' "$out" >&2
    return 7
  fi
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  if [[ $code != 2?? ]]; then
    printf '[cluster] %s %s -> HTTP %s: %s\n' "$1" "$2" "$code" "$out" >&2
    return 22
  fi
  printf '%s\n' "$out"
}

# cluster_json POINTER...: the values at the JSON pointers (RFC 6901, e.g. /status/id) of the JSON
# document on stdin, one line each (null/missing -> empty line; arrays one item per line):
# `cryptorun json` (jobs/.../cli/JsonCommand).
cluster_json() { cr_cli json "$@"; }

_cl_reachable() { cluster_get /overview >/dev/null 2>&1; }

# The job to act on: the argument, else the only job that is not in a terminal state.
_cl_pick_job() {
  local id=${1:-} body jobs n
  if [[ -n $id ]]; then
    [[ $id =~ ^[0-9a-f]{32}$ ]] || { _cl_fail "not a Flink job id: $id"; return 1; }
    printf '%s\n' "$id"
    return 0
  fi
  jobs=$(cr_cli flink-rest jobs --active --rest "$CL_REST" 2>/dev/null) ||
    { _cl_fail "no Flink REST API at $CL_REST (is the cluster up?)"; return 1; }
  n=$(grep -c . <<<"$jobs" || true)
  if (( n == 1 )); then
    printf '%s\n' "${jobs%% *}"
    return 0
  fi
  if (( n == 0 )); then _cl_fail "no running job on $CL_REST (give a JOB_ID)"; return 1; fi
  printf '%s\n' "$jobs" >&2
  _cl_fail "$n jobs are not finished on $CL_REST; give a JOB_ID"
}

_cl_job_state() { cluster_get "/jobs/$1" | cluster_json /state; }

# Polls an asynchronous savepoint/stop operation until COMPLETED; prints the savepoint location.
_cl_wait_savepoint_op() {
  local job=$1 rid=$2 what=$3 body status deadline=$((SECONDS + CL_OP_WAIT))
  while :; do
    body=$(cluster_get "/jobs/$job/savepoints/$rid") || return 1
    local -a v=()
    mapfile -t v < <(cluster_json /status/id /operation/failure-cause/class /operation/location <<<"$body") || return 1
    (( ${#v[@]} == 3 )) || { _cl_fail "$what: unreadable answer: $body"; return 1; }
    status=${v[0]}
    if [[ $status == COMPLETED ]]; then
      if [[ -n ${v[1]} ]]; then
        cluster_json /operation/failure-cause/stack-trace <<<"$body" | head -n 30 >&2
        _cl_fail "$what failed: ${v[1]}"
        return 1
      fi
      printf '%s\n' "${v[2]}"
      return 0
    fi
    (( SECONDS < deadline )) || { _cl_fail "$what of job $job not done after ${CL_OP_WAIT}s (status $status)"; return 1; }
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------------------------
# Runtime jars, configuration, processes
# ---------------------------------------------------------------------------------------------

# Copies the runtime jars once (kept until deploy/local/flink/pom.xml changes).
_cl_lib() {
  local pom=$CL_ROOT/deploy/local/flink/pom.xml sum log t0
  [[ -f $pom ]] || { _cl_fail "$pom is missing"; return 1; }
  sum=$(sha256sum <"$pom" | cut -d' ' -f1)
  [[ -f $CL_LIB/.complete && $(<"$CL_LIB/.complete") == "$sum" ]] && return 0
  command -v mvn >/dev/null 2>&1 || { _cl_fail "mvn not found (needed once to fetch the Flink runtime jars)"; return 1; }
  mkdir -p "$(dirname "$CL_LIB")" || return 1
  log=$(dirname "$CL_LIB")/mvn-copy.log
  t0=$(_svc_now)
  _cl_log "copying the Flink runtime jars into $CL_LIB (mvn dependency:copy-dependencies, log $log)"
  rm -rf "$CL_LIB.tmp"
  if ! (_cl_close_lock && mvn -B -q -ntp -f "$pom" dependency:copy-dependencies \
      -DoutputDirectory="$CL_LIB.tmp" -DincludeScope=runtime) >"$log" 2>&1; then
    _cl_tail "$log"
    _cl_fail "fetching the Flink runtime jars failed"
    return 1
  fi
  if ! { rm -rf "$CL_LIB" && mv "$CL_LIB.tmp" "$CL_LIB" && printf '%s\n' "$sum" >"$CL_LIB/.complete"; }; then
    _cl_fail "cannot install jars into $CL_LIB"
    return 1
  fi
  _cl_log "$(find "$CL_LIB" -name '*.jar' | wc -l) jars ($(du -sh "$CL_LIB" | cut -f1)) in $(_svc_since "$t0")"
}

# Writes <cluster dir>/conf/config.yaml: the template with the rendered keys replaced (or appended).
_cl_render_conf() {
  local out=$CL_CONF/config.yaml tmp i k v
  [[ -f $CL_CONF_SRC ]] || { _cl_fail "config template $CL_CONF_SRC is missing"; return 1; }
  mkdir -p "$CL_CONF" "$CL_LOGDIR" "$CL_DIR/tmp" "$CL_DIR/web/upload" || return 1
  local -a kv=(
    jobmanager.rpc.port "$CL_RPC_PORT"
    rest.port "$CL_REST_PORT"
    metrics.reporter.prom.port "$CL_PROM_PORTS"
    execution.checkpointing.dir "$CL_CHK_DIR"
    execution.checkpointing.savepoint-dir "$CL_SP_DIR"
    io.tmp.dirs "$CL_DIR/tmp"
    web.tmpdir "$CL_DIR/web"
    web.upload.dir "$CL_DIR/web/upload"
  )
  tmp=$out.tmp
  {
    printf '# Rendered by deploy/local/cluster.sh from %s on every "cluster up":\n' "$CL_CONF_SRC"
    printf '# edit the template (or the CRYPTORUN_FLINK_* settings), not this copy.\n'
    cat "$CL_CONF_SRC"
  } >"$tmp" || return 1
  for (( i = 0; i < ${#kv[@]}; i += 2 )); do
    k=${kv[i]} v=${kv[i + 1]}
    if grep -q "^$k:" "$tmp"; then
      awk -v k="$k" -v v="$v" 'index($0, k ":") == 1 { print k ": " v; next } { print }' "$tmp" >"$tmp.2" &&
        mv "$tmp.2" "$tmp" || return 1
    else
      printf '%s: %s\n' "$k" "$v" >>"$tmp" || return 1
    fi
  done
  mv "$tmp" "$out" && cp "$CL_ROOT/deploy/local/flink/log4j.properties" "$CL_CONF/log4j.properties"
}

# Prints the pid of this cluster's JobManager (jm) or TaskManager (tm) when it runs.
_cl_pid() {
  local pidfile=$CL_DIR/$1.pid pid class
  [[ $1 == jm ]] && class=$CL_JM_CLASS || class=$CL_TM_CLASS
  [[ -s $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] && _svc_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$class --configDir $CL_CONF" || return 1
  printf '%s\n' "$pid"
}

CL_LOCK_FD=
_cl_lock() {
  mkdir -p "$CL_DIR" || { _cl_fail "cannot create $CL_DIR"; return 1; }
  exec {CL_LOCK_FD}>>"$CL_DIR/.cluster.lock"
  command -v flock >/dev/null 2>&1 || return 0
  if ! flock -w 300 "$CL_LOCK_FD"; then
    exec {CL_LOCK_FD}>&-
    CL_LOCK_FD=
    _cl_fail "another cluster.sh holds $CL_DIR/.cluster.lock for more than 300 s"
    return 1
  fi
}
_cl_unlock() { [[ -z $CL_LOCK_FD ]] || exec {CL_LOCK_FD}>&-; CL_LOCK_FD=; return 0; }
_cl_close_lock() { [[ -z $CL_LOCK_FD ]] || exec {CL_LOCK_FD}>&-; }

# BashJavaUtils computes the JVM memory flags and dynamic properties, as jobmanager.sh /
# taskmanager.sh of flink-dist do (the TaskManager refuses to start without them).
_cl_resource_params() { # GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS -> two lines: jvm args, dynamic props
  local out
  if ! out=$("$CL_JAVA" -Xmx128m -XX:TieredStopAtLevel=1 -cp "$CL_LIB/*" \
      org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CL_CONF" 2>&1); then
    printf '%s\n' "$out" | tail -n 30 >&2
    _cl_fail "BashJavaUtils $1 failed (check $CL_CONF/config.yaml)"
    return 1
  fi
  out=$(grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')
  [[ $(grep -c . <<<"$out") -ge 1 ]] || { _cl_fail "BashJavaUtils $1 printed no result"; return 1; }
  printf '%s\n' "$out"
}

# _cl_start jm|tm: launches the process in its own session; the child writes its pid then execs java.
_cl_start() {
  local role=$1 class params jvm dyn name log pid
  if [[ $role == jm ]]; then
    class=$CL_JM_CLASS name=jobmanager
    params=$(_cl_resource_params GET_JM_RESOURCE_PARAMS) || return 1
  else
    class=$CL_TM_CLASS name=taskmanager
    params=$(_cl_resource_params GET_TM_RESOURCE_PARAMS) || return 1
  fi
  jvm=$(sed -n 1p <<<"$params")
  dyn=$(sed -n 2p <<<"$params")
  log=$CL_LOGDIR/$name.log
  rm -f "$CL_DIR/$role.pid"
  _svc_log_rotate "$CL_LOGDIR/$name.out"
  # Run from the cluster dir with an (empty) plugins dir, so nothing resolves against the caller's cwd.
  mkdir -p "$CL_DIR/plugins" || return 1
  # shellcheck disable=SC2016,SC2086 # $$/$1 expand in the child; jvm/dyn are space-separated flag lists
  FLINK_PLUGINS_DIR=$CL_DIR/plugins setsid bash -c 'cd "$1" && echo $$ >"$2"; shift 2; exec "$@"' "flink-$role" "$CL_DIR" "$CL_DIR/$role.pid" \
    "$CL_JAVA" $jvm "${CL_JAVA17_OPENS[@]}" -XX:+UseG1GC -Djava.awt.headless=true \
    "-Dlog.file=$log" "-Dlog4j.configurationFile=$CL_CONF/log4j.properties" \
    -cp "$CL_LIB/*" "$class" --configDir "$CL_CONF" $dyn \
    </dev/null >>"$CL_LOGDIR/$name.out" 2>&1 {CL_LOCK_FD}>&- &
  disown "$!" 2>/dev/null || true
  for _ in $(seq 50); do [[ -s $CL_DIR/$role.pid ]] && break; sleep 0.1; done
  pid=$(cat "$CL_DIR/$role.pid" 2>/dev/null) || true
  [[ $pid =~ ^[0-9]+$ ]] || { _cl_tail "$CL_LOGDIR/$name.out"; _cl_fail "$name launcher wrote no pid file"; return 1; }
  _cl_log "$name started (pid $pid, log $log)"
}

# _cl_stop_role jm|tm: TERM, up to 30 s, then KILL.
_cl_stop_role() {
  local role=$1 pid i name
  [[ $role == jm ]] && name=jobmanager || name=taskmanager
  if ! pid=$(_cl_pid "$role"); then
    rm -f "$CL_DIR/$role.pid"
    return 0
  fi
  _cl_log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < 60; i++ )); do _svc_alive "$pid" || break; sleep 0.5; done
  if _svc_alive "$pid"; then
    _cl_log "$name: no exit 30 s after TERM, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for (( i = 0; i < 20; i++ )); do _svc_alive "$pid" || break; sleep 0.25; done
  fi
  wait "$pid" 2>/dev/null || true
  _svc_alive "$pid" && { _cl_fail "$name pid $pid survived KILL"; return 1; }
  rm -f "$CL_DIR/$role.pid"
  _cl_log "$name stopped"
}

_cl_fail_logs() {
  local f
  for f in "$CL_LOGDIR/jobmanager.log" "$CL_LOGDIR/jobmanager.out" "$CL_LOGDIR/taskmanager.log" "$CL_LOGDIR/taskmanager.out"; do
    [[ -s $f ]] && _cl_tail "$f" 25
  done
  return 0
}

# ---------------------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------------------

# cluster_up [--with-services]: starts what is not running yet; waits until the REST API reports
# a TaskManager with free slots. On failure it stops what this call started.
cluster_up() {
  local with_services=0 a t0 started="" jm tm body deadline ntm free p
  for a in "$@"; do
    case $a in
      --with-services) with_services=1 ;;
      *) _cl_fail "cluster up: unknown option $a"; return 2 ;;
    esac
  done
  _cl_init || return 1
  t0=$(_svc_now)
  command -v "$CL_JAVA" >/dev/null 2>&1 || { _cl_fail "java not found"; return 1; }
  # the Java CLI reads the REST API's JSON: build it now (once), not inside the wait below
  cr_cli json /x <<<'{}' >/dev/null || { _cl_fail "the cryptorun CLI does not run (see above)"; return 1; }
  command -v curl >/dev/null 2>&1 || { _cl_fail "curl not found"; return 1; }
  if (( with_services )); then
    mkdir -p "$CL_DIR" || return 1
    local before=$SERVICES_STARTED
    SERVICES_STARTED=""
    if ! services_up pg kafka; then
      # shellcheck disable=SC2086
      [[ -z $SERVICES_STARTED ]] || services_down $SERVICES_STARTED || true
      SERVICES_STARTED=$before
      _cl_fail "services did not come up"
      return 1
    fi
    # Remember what we started, so that `cluster down` stops exactly that.
    for a in $SERVICES_STARTED; do
      grep -qx "$a" "$CL_DIR/services.started" 2>/dev/null || printf '%s\n' "$a" >>"$CL_DIR/services.started"
    done
    SERVICES_STARTED="${before:+$before }$SERVICES_STARTED"
  fi
  _cl_lock || return 1
  if jm=$(_cl_pid jm) && tm=$(_cl_pid tm) && _cl_reachable; then
    _cl_unlock
    _cl_log "already running (JobManager pid $jm, TaskManager pid $tm); web UI $CL_REST"
    return 0
  fi
  _cl_lib || { _cl_unlock; return 1; }
  _cl_render_conf || { _cl_unlock; _cl_fail "cannot write $CL_CONF"; return 1; }
  if ! jm=$(_cl_pid jm); then
    for p in "$CL_REST_PORT" "$CL_RPC_PORT"; do
      if _svc_port_busy "$p"; then
        _cl_unlock
        _cl_fail "port $p is taken by a process not started from $CL_DIR (set CRYPTORUN_FLINK_REST_PORT / CRYPTORUN_FLINK_RPC_PORT)"
        return 1
      fi
    done
    _cl_start jm || { _cl_unlock; _cl_fail_logs; return 1; }
    started="jm"
  fi
  if ! tm=$(_cl_pid tm); then
    _cl_start tm || { _cl_up_failed "$started"; return 1; }
    started="$started tm"
  fi
  deadline=$((SECONDS + CL_WAIT))
  while :; do
    for a in jm tm; do
      if ! _cl_pid "$a" >/dev/null; then
        _cl_fail "the $([[ $a == jm ]] && echo JobManager || echo TaskManager) exited during startup"
        _cl_up_failed "$started"
        return 1
      fi
    done
    if body=$(cluster_get /overview 2>/dev/null); then
      { read -r ntm; read -r free; } < <(cluster_json /taskmanagers /slots-available <<<"$body")
      (( ${ntm:-0} >= 1 && ${free:-0} >= 1 )) && break
    fi
    if (( SECONDS >= deadline )); then
      _cl_fail "no TaskManager with free slots on $CL_REST within ${CL_WAIT}s (CRYPTORUN_FLINK_WAIT)"
      _cl_up_failed "$started"
      return 1
    fi
    sleep 0.5
  done
  _cl_unlock
  local version total
  { read -r version; read -r total; } < <(cluster_json /flink-version /slots-total <<<"$body")
  _cl_log "ready in $(_svc_since "$t0"): Flink $version, $ntm TaskManager, $free/$total slots free; web UI $CL_REST"
}

_cl_up_failed() {
  _cl_fail_logs
  local r
  for r in tm jm; do
    [[ " $1 " == *" $r "* ]] && _cl_stop_role "$r"
  done
  _cl_unlock
  _cl_log "stopped what this call started (${1:-nothing}); the logs are in $CL_LOGDIR"
}

# cluster_down: stops this cluster's TaskManager and JobManager, then the services that
# `cluster up --with-services` started. Running jobs are suspended (their retained checkpoints stay).
cluster_down() {
  local rc=0 svcs
  _cl_init || return 1
  _cl_lock || return 1
  if ! _cl_pid jm >/dev/null && ! _cl_pid tm >/dev/null; then
    _cl_log "not running ($CL_DIR)"
  fi
  _cl_stop_role tm || rc=1
  _cl_stop_role jm || rc=1
  _cl_unlock
  if [[ -s $CL_DIR/services.started ]]; then
    svcs=$(tr '\n' ' ' <"$CL_DIR/services.started")
    # shellcheck disable=SC2086 # a list of names
    if services_down $svcs; then rm -f "$CL_DIR/services.started"; else rc=1; fi
  fi
  return "$rc"
}

# cluster_status: 0 when JM, TM and the REST API are up, 3 otherwise.
cluster_status() {
  local rc=0 jm tm body
  _cl_init || return 1
  if jm=$(_cl_pid jm); then _cl_log "jobmanager: running (pid $jm), conf $CL_CONF"; else _cl_log "jobmanager: stopped"; rc=3; fi
  if tm=$(_cl_pid tm); then _cl_log "taskmanager: running (pid $tm)"; else _cl_log "taskmanager: stopped"; rc=3; fi
  if body=$(cluster_get /overview 2>/dev/null); then
    local -a o=()
    mapfile -t o < <(cluster_json /flink-version /taskmanagers /slots-available /slots-total /jobs-running \
      /jobs-finished /jobs-cancelled /jobs-failed <<<"$body")
    _cl_log "rest: $CL_REST Flink ${o[0]:-?}, ${o[1]:-?} TaskManager(s), ${o[2]:-?}/${o[3]:-?} slots free, jobs running ${o[4]:-?}, finished ${o[5]:-?}, cancelled ${o[6]:-?}, failed ${o[7]:-?}"
    cr_cli flink-rest jobs --rest "$CL_REST" 2>/dev/null | sed 's/^/  job /' >&2 || true
  else
    _cl_log "rest: no answer at $CL_REST"
    rc=3
  fi
  if [[ -s $CL_DIR/services.started ]]; then
    # shellcheck disable=SC2046
    services_status $(cat "$CL_DIR/services.started") || true
  fi
  return "$rc"
}

# cluster_submit JAR [--from-savepoint PATH] [--parallelism N] [--allow-non-restored-state] [--entry-class CLASS] [-- ARGS]
# (--entry-class io.cryptorun.jobs.cli.NotifyMain submits the notifier, docs/ALERTS.md)
# Uploads the jar (POST /jars/upload), runs it (POST /jars/:id/run) and prints the job id.
# Without job args: replay the bundled fixture at 60x into <repo>/data/cluster/.
cluster_submit() {
  local jar=${1:-} savepoint="" parallelism="" allow=false entry="" body jar_id run job state a
  local -a args=()
  _cl_init || return 1
  [[ -n $jar ]] || { _cl_fail "submit: no jar given"; return 2; }
  shift
  while (( $# )); do
    case $1 in
      --from-savepoint) [[ -n ${2:-} ]] || { _cl_fail "--from-savepoint needs a path"; return 2; }; savepoint=$2; shift 2 ;;
      --from-savepoint=*) savepoint=${1#*=}; shift ;;
      --parallelism|-p) _cl_num parallelism "${2:-}" || return 2; parallelism=$2; shift 2 ;;
      --allow-non-restored-state) allow=true; shift ;;
      --entry-class) [[ -n ${2:-} ]] || { _cl_fail "--entry-class needs a class name"; return 2; }; entry=$2; shift 2 ;;
      --) shift; args=("$@"); break ;;
      *) _cl_fail "submit: unknown option $1 (job arguments go after --)"; return 2 ;;
    esac
  done
  if (( ${#args[@]} == 0 )); then
    args=(--fixtures "$CL_ROOT/fixtures/kraken-sim" --out "$CL_ROOT/data/cluster" --speed 60)
  fi
  [[ -f $jar ]] || { _cl_fail "no jar at $jar"; return 1; }
  _cl_reachable || { _cl_fail "no Flink REST API at $CL_REST (start it: ./cryptorun cluster up)"; return 1; }
  _cl_log "uploading $(basename "$jar") ($(du -h "$jar" | cut -f1)) to $CL_REST/jars/upload"
  body=$(curl -sS --connect-timeout 5 --max-time 300 -X POST -H 'Expect:' \
    -F "jarfile=@$jar;type=application/x-java-archive" "$CL_REST/jars/upload") ||
    { _cl_fail "upload failed"; return 1; }
  local -a up=() req=()
  mapfile -t up < <(cluster_json /status /filename <<<"$body" 2>/dev/null)
  [[ ${up[0]:-} == success && -n ${up[1]:-} ]] || { _cl_fail "upload failed: $body"; return 1; }
  jar_id=${up[1]##*/}
  [[ -n $parallelism ]] && req+=(--parallelism "$parallelism")
  [[ -n $savepoint ]] && req+=(--savepoint "$savepoint")
  [[ $allow == true ]] && req+=(--allow-non-restored-state)
  [[ -n $entry ]] && req+=(--entry-class "$entry")
  run=$(cr_cli flink-rest run-request "${req[@]}" -- "${args[@]}") || return 1
  _cl_log "running jar $jar_id: ${args[*]}${savepoint:+ (restoring $savepoint)}"
  body=$(_cl_http POST "/jars/$jar_id/run" "$run") || { _cl_fail "run failed (see the JobManager log: $CL_LOGDIR/jobmanager.log)"; return 1; }
  job=$(cluster_json /jobid <<<"$body") || return 1
  state=$(_cl_job_state "$job" 2>/dev/null) || state="?"
  _cl_log "job $job submitted ($state); watch it at $CL_REST/#/job/running/$job/overview"
  printf '%s\n' "$job"
}

# cluster_savepoint [JOB_ID]: triggers a savepoint into the default savepoint dir; prints its path.
cluster_savepoint() {
  local job body rid path t0
  _cl_init || return 1
  job=$(_cl_pick_job "${1:-}") || return 1
  t0=$(_svc_now)
  _cl_log "savepoint of job $job: triggering"
  body=$(_cl_http POST "/jobs/$job/savepoints" '{"cancel-job": false, "formatType": "CANONICAL"}') || return 1
  rid=$(cluster_json /request-id <<<"$body") || return 1
  path=$(_cl_wait_savepoint_op "$job" "$rid" savepoint) || return 1
  _cl_log "savepoint of job $job completed in $(_svc_since "$t0")"
  printf '%s\n' "$path"
}

# cluster_stop [--savepoint] [JOB_ID]: with --savepoint, stop-with-savepoint (POST /jobs/:id/stop)
# into the default savepoint dir and print its path; without, cancel the job.
cluster_stop() {
  local with_sp=0 job="" body rid path state target a t0 deadline
  for a in "$@"; do
    case $a in
      --savepoint) with_sp=1 ;;
      -*) _cl_fail "stop: unknown option $a"; return 2 ;;
      *) job=$a ;;
    esac
  done
  _cl_init || return 1
  job=$(_cl_pick_job "$job") || return 1
  t0=$(_svc_now)
  if (( with_sp )); then
    target=$(cr_cli flink-rest config --rest "$CL_REST" execution.checkpointing.savepoint-dir)
    [[ -n $target ]] || target=$CL_SP_DIR
    _cl_log "stop-with-savepoint of job $job into $target"
    body=$(_cl_http POST "/jobs/$job/stop" "$(cr_cli flink-rest stop-request --target "$target")") || return 1
    rid=$(cluster_json /request-id <<<"$body") || return 1
    path=$(_cl_wait_savepoint_op "$job" "$rid" stop-with-savepoint) || return 1
  else
    _cl_log "cancelling job $job"
    _cl_http PATCH "/jobs/$job?mode=cancel" >/dev/null || return 1
  fi
  deadline=$((SECONDS + CL_OP_WAIT))
  while state=$(_cl_job_state "$job") && [[ $state != FINISHED && $state != CANCELED && $state != FAILED ]]; do
    (( SECONDS < deadline )) || { _cl_fail "job $job still $state after ${CL_OP_WAIT}s"; return 1; }
    sleep 0.5
  done
  _cl_log "job $job $state in $(_svc_since "$t0")"
  (( with_sp )) && printf '%s\n' "$path"
  return 0
}

# cluster_health [--max-checkpoint-age SECONDS] [--max-freshness SECONDS] [JOB_ID]: prints one
# line per check; exit 0 when the cluster answers with a TaskManager, the job is RUNNING, its last
# completed checkpoint is younger than the threshold (default 60 s), and — when the job reads live
# WebSockets — every venue's circuit is not open and its symbols' data is fresh (p99 of the
# per-symbol ages within --max-freshness, default 60 s: the WS freshness SLO of SPEC §11); 1 otherwise.
# The checks are `cryptorun health` (jobs/.../cli/HealthCommand, cluster/ClusterHealth).
cluster_health() {
  _cl_init || return 1
  cr_cli health --rest "$CL_REST" "$@"
}

_cl_usage() {
  cat <<'EOF'
usage: deploy/local/cluster.sh <command>
  up [--with-services]   assemble the Flink 1.20.3 runtime (first time), render the config, start a
                         JobManager and a TaskManager on loopback, wait until a slot is free
                         (--with-services: also PostgreSQL + Kafka via services.sh)
  down                   stop the TaskManager and JobManager of this cluster dir (and the services
                         `up --with-services` started)
  status                 processes, REST overview, jobs (exit 3 unless JM, TM and REST are up)
  submit JAR [--from-savepoint PATH] [--parallelism N] [--allow-non-restored-state] [-- JOB ARGS]
                         upload + run through REST; prints the job id
  savepoint [JOB_ID]     trigger a savepoint and wait for it; prints its path
  stop [--savepoint] [JOB_ID]
                         stop-with-savepoint (prints the path), or cancel without --savepoint
  health [--max-checkpoint-age S] [--max-freshness S] [JOB_ID]
                         cluster, job state, last checkpoint age, live sources (per-venue freshness
                         and circuit state), last error; exit 1 when unhealthy
settings: CRYPTORUN_LOCAL, CRYPTORUN_FLINK_DIR, CRYPTORUN_FLINK_LIB, CRYPTORUN_FLINK_CONF,
          CRYPTORUN_FLINK_REST_PORT (8081), CRYPTORUN_FLINK_RPC_PORT (6123),
          CRYPTORUN_FLINK_PROM_PORTS (9249-9259), CRYPTORUN_FLINK_CHECKPOINT_DIR,
          CRYPTORUN_FLINK_SAVEPOINT_DIR, CRYPTORUN_FLINK_WAIT (120), CRYPTORUN_FLINK_OP_WAIT (300),
          CRYPTORUN_FLINK_REST (REST base URL of the cluster to operate on)
EOF
}

_cl_main() {
  local cmd=${1:-}
  (( $# )) && shift
  case $cmd in
    up) cluster_up "$@" ;;
    down) cluster_down ;;
    status) cluster_status ;;
    submit) cluster_submit "$@" ;;
    savepoint) cluster_savepoint "$@" ;;
    stop) cluster_stop "$@" ;;
    health) cluster_health "$@" ;;
    help|-h|--help) _cl_usage ;;
    *) _cl_usage >&2; return 2 ;;
  esac
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -uo pipefail
  _cl_main "$@"
  exit
fi
