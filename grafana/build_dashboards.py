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


Q_MED_P95_P99 = 'quantile=~"0.5|0.95|0.99"'
Q_MED_P99 = 'quantile=~"0.5|0.99"'


def live(metric, labels=""):
    """A metric of the live source's per-venue group (Prometheus: live_venue_<metric>, label venue)."""
    return op("live_venue_" + metric, labels)


DASHBOARDS = {
    "cryptorun-sources": dashboard(
        "cryptorun-sources", "CryptoRun · Source health and freshness",
        "Live WebSocket sources per venue: traffic, freshness, reconnects, circuit breakers, rate limits; replay sources; quarantine.",
        [
            panel("Frames/s by venue", [(f"sum by (venue) (rate({live('framesReceived')}[1m]))", "{{venue}}")], "ops"),
            panel("Bytes/s by venue", [(f"sum by (venue) (rate({live('bytesReceived')}[1m]))", "{{venue}}")], "Bps"),
            panel("Worst symbol freshness by venue", [(f"max by (venue) ({op('live_venue_symbol_freshnessMillis')})", "{{venue}}")], "ms",
                  description="Age of the newest frame about the stalest symbol. SLO: p99 over symbols <= 60 s."),
            panel("p99 freshness by venue", [(f"quantile by (venue) (0.99, {op('live_venue_symbol_freshnessMillis')})", "{{venue}}")], "ms"),
            panel("Circuit state by venue", [(f"max by (venue) ({live('circuitState')})", "{{venue}}")],
                  description="0 closed, 1 half-open, 2 open."),
            panel("Reconnects and resyncs/min", [(f"sum by (venue) (increase({live('reconnects')}[1m]))", "{{venue}} reconnects"),
                                                 (f"sum by (venue) (increase({live('resyncs')}[1m]))", "{{venue}} resyncs")]),
            panel("Subscribe tokens left", [(f"min by (venue) ({live('rateLimitTokens')})", "{{venue}}")]),
            panel("Source queue depth", [(f"max by (operator_name, subtask_index) ({op('live_queueDepth')})", "#{{subtask_index}}")]),
            panel("Quarantined frames/min", [(f"sum (increase({op('sourceQuarantined')}[1m]))", "routed to quarantine"),
                                             (f"sum by (venue) (increase({live('framesQuarantined')}[1m]))", "{{venue}} at the source")]),
        ]),
    "cryptorun-books": dashboard(
        "cryptorun-books", "CryptoRun · Book integrity",
        "Snapshots, updates, checksum results, sequence gaps, invalidated books and microstructure output.",
        [
            panel("Checksum mismatches/min", [(f"sum (increase({op('checksumMismatch')}[1m]))", "book operator"),
                                              (f"sum by (venue) (increase({live('checksumMismatches')}[1m]))", "{{venue}} at the source")],
                  description="Kraken CRC32 over the top 10 levels; a mismatch invalidates the book until the next snapshot."),
            panel("Sequence gaps and invalid books/min", [(f"sum by (venue) (increase({live('sequenceGaps')}[1m]))", "{{venue}} gaps"),
                                                          (f"sum by (venue) (increase({live('invalidBooks')}[1m]))", "{{venue}} invalid")]),
            panel("Books invalidated/min", [(f"sum (increase({op('booksInvalidated')}[1m]))", "invalidated")]),
            panel("Checksums verified/s", [(f"sum (rate({op('checksumOk')}[1m]))", "ok")], "ops"),
            panel("Book messages/s", [(f"sum (rate({op('bookSnapshots')}[1m]))", "snapshots"),
                                      (f"sum (rate({op('bookUpdates')}[1m]))", "updates")], "ops"),
            panel("Microstructure records/s", [(f"sum (rate({op('microstructureEmitted')}[1m]))", "emitted"),
                                               (f"sum (rate({op('microstructureSkipped')}[1m]))", "skipped (invalid book)")], "ops"),
            panel("Book messages quarantined/min", [(f"sum (increase({op('bookQuarantined')}[1m]))", "quarantined")]),
        ]),
    "cryptorun-gates-alerts": dashboard(
        "cryptorun-gates-alerts", "CryptoRun · Gates and alerts",
        "Gate pass rate, trips per gate, alerts sent and suppressed (by reason), and their delivery by the notifier.",
        [
            panel("Gate pass rate", [(f"sum (increase({op('assetsPassed')}[15m])) / sum (increase({op('assetsScored')}[15m]))", "all gates")],
                  "percentunit"),
            panel("Trips per gate/min", [(f"sum by (gate) (increase({op('gate_trips')}[1m]))", "{{gate}}")], stack=True),
            panel("Pass rate per gate", [(f"sum by (gate) (increase({op('gate_passed')}[15m])) / (sum by (gate) (increase({op('gate_passed')}[15m])) + sum by (gate) (increase({op('gate_trips')}[15m])))", "{{gate}}")],
                  "percentunit"),
            panel("Alerts sent per hour", [(f"sum (increase({op('alertsSent')}[1h]))", "sent")],
                  description="Throttle: 3/h per channel (6/h in HIGH_VOL), 10/day."),
            panel("Suppressed per hour by reason", [(f"sum by (reason) (increase({op('reason_alertsSuppressed')}[1h]))", "{{reason}}")],
                  stack=True),
            panel("Suppressed vs sent", [(f"sum (increase({op('alertsSuppressed')}[1h]))", "suppressed"),
                                         (f"sum (increase({op('alertsSent')}[1h]))", "sent")]),
            # the notifier job (cryptorun notify, docs/ALERTS.md): per destination, label = destination id
            panel("Notifier: delivered per destination/h", [(f"sum by (destination) (increase({op('destination_notifySent')}[1h]))", "{{destination}}")],
                  description="Messages the Slack webhooks / Telegram chats accepted (ledger status sent)."),
            panel("Notifier: retries and dead letters/h", [(f"sum by (destination) (increase({op('destination_notifyRetried')}[1h]))", "{{destination}} retried"),
                                                          (f"sum by (destination) (increase({op('destination_notifyDeadLettered')}[1h]))", "{{destination}} dead-lettered"),
                                                          (f"sum by (destination) (increase({op('destination_notifyMuted')}[1h]))", "{{destination}} muted")],
                  description="Retries: 429 (retry-after) and 5xx/timeouts (backoff). Dead letters: permanent 4xx or deadline; see RUNBOOKS 'Failing notifier destination'."),
            panel("Notifier: delivery latency", [(f"max by (destination, quantile) ({op('destination_notifyLatencyMs', Q_MED_P99)})", "{{destination}} p{{quantile}}")],
                  "ms", description="From the first attempt to the accepted answer, including token-bucket and retry-after waits."),
        ]),
    "cryptorun-regime-scores": dashboard(
        "cryptorun-regime-scores", "CryptoRun · Regime and scores",
        "The scan: ticks per minute, assets scored, scan duration and lag. Regime values are data: query regime_snapshots.",
        [
            panel("Scans per minute", [(f"sum (increase({op('scans')}[5m])) / 5", "scans/min")]),
            panel("Assets scored per tick", [(f"sum (increase({op('assetsScored')}[5m])) / sum (increase({op('scans')}[5m]))", "assets/tick")]),
            panel("Scan duration (score + gates)", [(f"max by (quantile) ({op('scanDurationMs', Q_MED_P95_P99)})", "p{{quantile}}")], "ms"),
            panel("Scan lag behind the tick", [(f"max by (quantile) ({op('scanLagMs', Q_MED_P99)})", "p{{quantile}}")], "ms"),
            panel("Scan on-time ratio", [(f"sum (increase({op('scansOnTime')}[1h])) / sum (increase({op('scans')}[1h]))", "on time")],
                  "percentunit", description="SLO >= 98 %."),
        ]),
    "cryptorun-runtime": dashboard(
        "cryptorun-runtime", "CryptoRun · Checkpoints, backpressure and latency",
        "Checkpoint health (the sinks commit on checkpoints), backpressure, busy time, watermarks and end-to-end latency.",
        [
            panel("End-to-end latency (exchange time to alert)", [(f"max by (quantile) ({op('alertEndToEndMs', Q_MED_P99)})", "p{{quantile}}")],
                  "ms", description="Includes the scan's 30 s late-fill window and 5 s watermark bound; the SLO is on the rest."),
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

# --- issue 17: multi-region replication (metrics written by `cryptorun replication ... --metrics-file` for a
# textfile collector; docs/DATA_MULTI_REGION.md). Not flink_ metrics: PrometheusMetricsTest does not expect them.
DASHBOARDS["cryptorun-replication"] = dashboard(
    "cryptorun-replication", "CryptoRun · Multi-region replication",
    "Hot (MirrorMaker 2), warm (logical replication) and cold (copy executor) tiers between regions a and b, against their SLOs "
    "(hot 5 s, warm 60 s, cold 5 min).",
    [
        panel("Replication lag by tier", [("max by (tier, region, source) (cryptorun_replication_lag_seconds)",
                                           "{{tier}} {{source}} -> {{region}}")], "s",
              description="SLO: hot <= 5 s, warm <= 60 s, cold <= 300 s."),
        panel("Planned steps", [("sum by (tier, from, to) (increase(cryptorun_replication_plan_steps_total[1h]))",
                                 "{{tier}} {{from}} -> {{to}}")]),
        panel("Step failures by reason", [("sum by (tier, reason) (increase(cryptorun_replication_step_failures_total[1h]))",
                                           "{{tier}} {{reason}}")]),
        panel("Quarantined by check", [("sum by (tier, region, kind) (increase(flink_taskmanager_job_task_operator_cryptorun_tier_region_kind_quarantine_total[1h]))",
                                        "{{tier}} {{region}} {{kind}}")],
              description="Validation layer flags (not wired into the job yet: see docs/DATA_MULTI_REGION.md)."),
    ])
# --- end issue 17


def main():
    OUT.mkdir(exist_ok=True)
    for name, d in DASHBOARDS.items():
        (OUT / f"{name}.json").write_text(json.dumps(d, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {OUT / name}.json ({len(d['panels'])} panels)")


if __name__ == "__main__":
    main()
