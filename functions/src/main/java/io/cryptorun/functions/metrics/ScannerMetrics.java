package io.cryptorun.functions.metrics;

import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Names of the SPEC §11 analytics metrics, in one place because dashboards, alert rules and
 * {@code docs/OBSERVABILITY.md} refer to them (Prometheus adds the prefix
 * {@code flink_taskmanager_job_task_operator_}). Latencies are wall-clock (Flink processing time):
 * they describe how the job runs, never what it outputs.
 */
public final class ScannerMetrics {
    /**
     * Histogram (ms): time to score one tick's cross-section and evaluate every gate of every asset
     * (one pass, {@code TickScan}); the guard-evaluation SLO (p95 ≤ 200 ms) is on this.
     */
    public static final String SCAN_DURATION_MS = "scanDurationMs";
    /** Histogram (ms): wall clock at the scan minus the moment the tick became scannable (tick + late-fill window). */
    public static final String SCAN_LAG_MS = "scanLagMs";
    /** Counter: ticks scanned. */
    public static final String SCANS = "scans";
    /** Counter: ticks scanned within {@link #ON_TIME_MS} of becoming scannable (SLO: ≥ 98 %). */
    public static final String SCANS_ON_TIME = "scansOnTime";
    /** A scan is on time when it runs within one scan period of becoming possible. */
    public static final long ON_TIME_MS = 60_000;
    /**
     * Counters per gate, in the key/value group {@link #GATE_LABEL}: assets that passed / failed it.
     * Flink's Prometheus reporter puts the group key into the name and the value into a label:
     * {@code …_gate_passed{gate="score"}}.
     */
    public static final String GATE_PASSED = "passed";
    public static final String GATE_TRIPS = "trips";
    /** Label of the per-gate counters. */
    public static final String GATE_LABEL = "gate";
    /** Counters: assets scored, and those that passed every gate (gate pass rate = passed / scored). */
    public static final String ASSETS_SCORED = "assetsScored";
    public static final String ASSETS_PASSED = "assetsPassed";
    /** Counters: alerts sent and suppressed by the throttle; per reason with label {@code reason}. */
    public static final String ALERTS_SENT = "alertsSent";
    public static final String ALERTS_SUPPRESSED = "alertsSuppressed";
    /** Per reason, in the key/value group {@link #REASON_LABEL}: {@code …_reason_alertsSuppressed{reason="cooldown"}}. */
    public static final String ALERTS_SUPPRESSED_BY_REASON = "alertsSuppressed";
    public static final String REASON_LABEL = "reason";
    /**
     * Histogram (ms): end to end, wall clock when an alert is emitted minus its tick's exchange
     * time. It includes the scan's deliberate wait for the late-fill window (the tick is scanned once
     * the watermark passes tick + 30 s), so the SLO rule subtracts that window.
     */
    public static final String ALERT_END_TO_END_MS = "alertEndToEndMs";
    /**
     * Histogram (ms): wall clock when the throttle decides a candidate (alert or suppressed) minus
     * the receive stamp of the first frame past its tick (issue 16) — live, the scan-tick → alert
     * latency; only for batches decided on the scan's completion marker.
     */
    public static final String TICK_TO_DECISION_MS = "tickToDecisionMs";
    /** Histogram (ms): wall clock when microstructure is emitted minus the receive stamp of the frame that closed its second. */
    public static final String FRAME_TO_MICROSTRUCTURE_MS = "frameToMicrostructureMs";

    /** Samples a latency histogram keeps (a sliding window: quantiles describe the recent past). */
    static final int HISTOGRAM_WINDOW = 1024;

    private ScannerMetrics() {}

    public static Histogram latencyHistogram(MetricGroup group, String name) {
        return group.histogram(name, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    }
}
