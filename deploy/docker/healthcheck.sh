#!/bin/sh
# Container health check for the CryptoRun Flink image (JobManager or TaskManager).
# Decides the role from the command line of PID 1 (the Flink entrypoint execs into java).
#   JobManager  -> GET http://127.0.0.1:${CRYPTORUN_REST_PORT:-8081}/overview must answer with JSON
#                  holding "flink-version" (REST up; TaskManagers are not required, so a TaskManager
#                  that waits for a healthy JobManager cannot deadlock with it).
#   TaskManager -> GET http://127.0.0.1:${CRYPTORUN_METRICS_PORT:-9249}/metrics must list flink_taskmanager_
#                  series (needs the Prometheus reporter, which every shipped config enables).
# Prints nothing sensitive; exits 0 when healthy, 1 otherwise.
set -u
cmd=$(tr '\0' ' ' < /proc/1/cmdline 2>/dev/null || true)
case "$cmd" in
  *TaskManagerRunner*)
    url="http://127.0.0.1:${CRYPTORUN_METRICS_PORT:-9249}/metrics"; expect="flink_taskmanager_" ;;
  *ClusterEntrypoint*|*ClusterEntryPoint*)
    url="http://127.0.0.1:${CRYPTORUN_REST_PORT:-8081}/overview"; expect="flink-version" ;;
  *)
    exit 0 ;;
esac
wget -q -T 4 -O - "$url" 2>/dev/null | grep -q "$expect" || exit 1
