#!/usr/bin/env python3
"""Writes grafana/dashboards/*.json from the panel lists below.

The dashboards are data, but Grafana's JSON model is verbose and repetitive; keeping the panels
here (title, PromQL, unit) keeps them reviewable. Run `python3 grafana/build_dashboards.py` after
editing and commit the JSON it writes. PrometheusMetricsTest checks that every `flink_…` metric
used here (and in grafana/rules) is exposed by the running job.
"""
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent / "dashboards"
DS = {"type": "prometheus", "uid": "${datasource}"}
OP = "flink_taskmanager_job_task_operator_"
JOB = 'job_name=~"$job"'


def op(metric, labels=""):
    """An operator-scope metric of the selected job(s)."""
    sel = JOB + ("," + labels if labels else "")
    return f"{OP}{metric}{{{sel}}}"


def panel(title, targets, unit="short", kind="timeseries", description="", width=12, height=8, stack=False):
    """targets: list of (PromQL, legend)."""
    p = {
        "type": kind,
        "title": title,
        "description": description,
        "datasource": DS,
        "targets": [{"refId": chr(65 + i), "expr": e, "legendFormat": l, "datasource": DS}
                    for i, (e, l) in enumerate(targets)],
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {},
        "_w": width,
        "_h": height,
    }
    if kind == "timeseries":
        p["fieldConfig"]["defaults"]["custom"] = {"stacking": {"mode": "normal" if stack else "none"}}
        p["options"] = {"legend": {"displayMode": "table", "placement": "bottom", "calcs": ["lastNotNull", "max"]},
                        "tooltip": {"mode": "multi"}}
    return p


def dashboard(uid, title, description, panels):
    x = y = row_h = 0
    laid = []
    for i, p in enumerate(panels, start=1):
        w, h = p.pop("_w"), p.pop("_h")
        if x + w > 24:
            x, y = 0, y + row_h
            row_h = 0
        p["id"] = i
        p["gridPos"] = {"x": x, "y": y, "w": w, "h": h}
        x += w
        row_h = max(row_h, h)
        laid.append(p)
    return {
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["cryptorun"],
        "timezone": "utc",
        "schemaVersion": 39,
        "version": 1,
        "editable": False,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "templating": {"list": [
            {"name": "datasource", "type": "datasource", "query": "prometheus", "current": {}},
            {"name": "job", "type": "query", "datasource": DS, "query": "label_values(flink_jobmanager_job_uptime, job_name)",
             "includeAll": True, "multi": True, "allValue": ".*", "refresh": 2, "current": {}},
        ]},
        "panels": laid,
    }


DASHBOARDS = {
    "cryptorun-sources": dashboard(
        "cryptorun-sources", "CryptoRun · Source health and freshness",
        "Frames and bytes per venue, freshness of the last frame, reconnects, circuit breakers, quarantine.",
        [
            panel("Frames/s by venue", [(f"sum by (venue) (rate({op('frames')}[1m]))", "{{venue}}")], "ops"),
            panel("Frames read/s by source subtask", [(f"sum by (operator_name, subtask_index) (rate({op('framesRead')}[1m]))",
                                                       "{{operator_name}} #{{subtask_index}}")], "ops"),
            panel("Bytes read/s", [(f"sum by (operator_name) (rate({op('bytesRead')}[1m]))", "{{operator_name}}")], "Bps"),
            panel("Quarantined frames/min", [(f"sum by (operator_name) (increase({op('quarantined')}[1m]))", "{{operator_name}}"),
                                             (f"sum (increase({op('sourceQuarantined')}[1m]))", "routed to quarantine")]),
        ]),
    "cryptorun-books": dashboard(
        "cryptorun-books", "CryptoRun · Book integrity",
        "Snapshots, updates, checksum results, invalidated books and microstructure output per venue.",
        [
            panel("Checksum mismatches/min", [(f"sum (increase({op('checksumMismatch')}[1m]))", "mismatch")],
                  description="Kraken CRC32 over the top 10 levels; any mismatch invalidates the book until the next snapshot."),
            panel("Checksum OK/s", [(f"sum (rate({op('checksumOk')}[1m]))", "ok")], "ops"),
            panel("Books invalidated/min", [(f"sum (increase({op('booksInvalidated')}[1m]))", "invalidated")]),
            panel("Book messages/s", [(f"sum (rate({op('bookSnapshots')}[1m]))", "snapshots"),
                                      (f"sum (rate({op('bookUpdates')}[1m]))", "updates")], "ops"),
            panel("Microstructure records/s", [(f"sum (rate({op('microstructureEmitted')}[1m]))", "emitted"),
                                               (f"sum (rate({op('microstructureSkipped')}[1m]))", "skipped (invalid book)")], "ops"),
            panel("Book frames quarantined/min", [(f"sum (increase({op('bookQuarantined')}[1m]))", "quarantined")]),
        ]),
    "cryptorun-runtime": dashboard(
        "cryptorun-runtime", "CryptoRun · Checkpoints, backpressure and latency",
        "Checkpoint health (the sinks commit on checkpoints), backpressure, busy time and watermarks.",
        [
            panel("Last checkpoint duration", [(f"max(flink_jobmanager_job_lastCheckpointDuration{{{JOB}}})", "duration")], "ms"),
            panel("Checkpoints", [(f"max(flink_jobmanager_job_numberOfCompletedCheckpoints{{{JOB}}})", "completed"),
                                  (f"max(flink_jobmanager_job_numberOfFailedCheckpoints{{{JOB}}})", "failed")]),
            panel("Last checkpoint size", [(f"max(flink_jobmanager_job_lastCheckpointSize{{{JOB}}})", "size")], "bytes"),
            panel("Restarts", [(f"max(flink_jobmanager_job_numRestarts{{{JOB}}})", "restarts")]),
            panel("Backpressured time per task", [(f"max by (task_name) (flink_taskmanager_job_task_backPressuredTimeMsPerSecond{{{JOB}}})",
                                                   "{{task_name}}")], "ms"),
            panel("Busy time per task", [(f"max by (task_name) (flink_taskmanager_job_task_busyTimeMsPerSecond{{{JOB}}})", "{{task_name}}")],
                  "ms"),
            panel("Event-time lag of the sources", [(f"max by (operator_name) ({op('currentEmitEventTimeLag')})", "{{operator_name}}")],
                  "ms", description="Wall time minus the event time of the last emitted record; for a replay this is the age of the recording."),
            panel("Sink commits", [(f"sum by (operator_name) (rate({op('successfulCommittables')}[5m]))", "{{operator_name}} ok"),
                                   (f"sum by (operator_name) (rate({op('failedCommittables')}[5m]))", "{{operator_name}} failed")], "ops"),
        ]),
}


def main():
    OUT.mkdir(exist_ok=True)
    for name, d in DASHBOARDS.items():
        (OUT / f"{name}.json").write_text(json.dumps(d, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {OUT / name}.json ({len(d['panels'])} panels)")


if __name__ == "__main__":
    main()
