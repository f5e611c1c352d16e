# shellcheck shell=bash
# Shared shell helpers of ./cryptorun and deploy/local/*.sh: logging, timing, process and port
# checks, polling, the JVM module flags, the Java CLI, and the PASS/FAIL bookkeeping of the two
# integration tests. Sourced, never run; changes no shell options; every function returns a status
# instead of exiting, except cr_die and cr_need.
#
#   cr_log TAG MSG...          "[TAG] MSG" on stderr
#   cr_fail TAG MSG...         "[TAG] ERROR: MSG" on stderr, returns 1
#   cr_die TAG MSG...          cr_fail, then exit 1
#   cr_tail TAG FILE [N]       the last N (40) lines of FILE on stderr, framed
#   cr_now / cr_since T0       a timestamp / "1.2s" since it
#   cr_is_number VALUE         VALUE is a non-negative integer
#   cr_alive PID               PID is a live process (not a zombie)
#   cr_gone PID                PID is dead or a zombie
#   cr_port_busy PORT          something listens on 127.0.0.1:PORT
#   cr_poll SECONDS CMD...     runs CMD every second until it succeeds; 1 when time ran out
#   cr_jvm_opens               fills the array CR_JVM_OPENS from flink-conf/jvm-opens.txt
#   cr_cli ARGS...             the Java CLI (./cryptorun cli ARGS: builds the jar first if needed)
# Test bookkeeping (cluster-test.sh, sql-test.sh): cr_test_init NAME, then say/pass/fail/check/need;
# the counts are in CR_PASSED / CR_FAILED.

CR_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)

cr_log() { local tag=$1; shift; printf '[%s] %s\n' "$tag" "$*" >&2; }
cr_fail() { local tag=$1; shift; printf '[%s] ERROR: %s\n' "$tag" "$*" >&2; return 1; }
cr_die() { cr_fail "$@"; exit 1; }
cr_tail() {
  [[ -f $2 ]] || return 0
  printf '[%s] ---- last %s lines of %s ----\n' "$1" "${3:-40}" "$2" >&2
  tail -n "${3:-40}" "$2" >&2
  printf '[%s] ----\n' "$1" >&2
}
cr_now() { printf '%s' "${EPOCHREALTIME:-$SECONDS}"; }
cr_since() { awk -v a="$1" -v b="$(cr_now)" 'BEGIN { printf "%.1fs", b - a }'; }
cr_is_number() { [[ $1 =~ ^[0-9]+$ ]]; }
cr_alive() {
  local st
  kill -0 "$1" 2>/dev/null || return 1
  st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  st=${st##*) }
  [[ ${st%% *} != Z ]]
}
cr_gone() { ! cr_alive "$1"; }
cr_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
cr_poll() {
  local limit=$1 deadline
  shift
  deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || return 1
    sleep 1
  done
}

declare -p CR_JVM_OPENS &>/dev/null || CR_JVM_OPENS=() # kept when sourced twice
cr_jvm_opens() {
  local f=$CR_ROOT/flink-conf/jvm-opens.txt line
  [[ -f $f ]] || { cr_fail cryptorun "$f is missing"; return 1; }
  CR_JVM_OPENS=()
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%%#*}
    line=${line//[[:space:]]/}
    [[ -n $line ]] && CR_JVM_OPENS+=("$line")
  done <"$f"
  return 0
}

# C1 only: these are short-lived JVMs (a JSON lookup, a health check), where startup dominates.
# `cryptorun cli` goes straight to the Java CLI: `cryptorun health` would come back to cluster.sh.
cr_cli() { JAVA_OPTS="${JAVA_OPTS:-} -XX:TieredStopAtLevel=1" "$CR_ROOT/cryptorun" cli "$@"; }

# ---- integration-test bookkeeping ----
cr_test_init() { CR_TEST=$1 CR_PASSED=0 CR_FAILED=0; }
say() { printf '[%s] %s\n' "$CR_TEST" "$*" >&2; }
pass() { CR_PASSED=$((CR_PASSED + 1)); printf '[%s] PASS %s\n' "$CR_TEST" "$*" >&2; }
fail() { CR_FAILED=$((CR_FAILED + 1)); printf '[%s] FAIL %s\n' "$CR_TEST" "$*" >&2; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
# Stops the test at the first failed step whose successors depend on it.
need() { "$@" || { say "cannot continue after that failure"; exit 1; }; }
