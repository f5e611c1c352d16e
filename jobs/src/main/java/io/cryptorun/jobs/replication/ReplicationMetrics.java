package io.cryptorun.jobs.replication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replication metrics of issue 17, in the Prometheus text format, written by {@code cryptorun replication ...
 * --metrics-file F} for node_exporter's textfile collector (the CLI is not a long-running process):
 * {@code cryptorun_replication_lag_seconds{tier,region,source}} (gauge),
 * {@code cryptorun_replication_plan_steps_total{tier,from,to}} and
 * {@code cryptorun_replication_step_failures_total{tier,from,to,reason}} (counters, per run of the command).
 * {@code cryptorun_quarantine_total{tier,region,kind}} is the validation layer's (docs/DATA_MULTI_REGION.md).
 */
public final class ReplicationMetrics {
    public static final String LAG = "cryptorun_replication_lag_seconds";
    public static final String PLAN_STEPS = "cryptorun_replication_plan_steps_total";
    public static final String STEP_FAILURES = "cryptorun_replication_step_failures_total";

    private final Map<String, Double> lag = new TreeMap<>();
    private final Map<String, Long> steps = new TreeMap<>();
    private final Map<String, Long> failures = new TreeMap<>();

    public void lag(String tier, String region, String source, double seconds) {
        lag.put(labels("tier", tier, "region", region, "source", source), seconds);
    }

    public void planSteps(String tier, String from, String to, long n) {
        steps.merge(labels("tier", tier, "from", from, "to", to), n, Long::sum);
    }

    public void stepFailure(String tier, String from, String to, String reason) {
        failures.merge(labels("tier", tier, "from", from, "to", to, "reason", reason), 1L, Long::sum);
    }

    public long failures(String tier, String from, String to, String reason) {
        return failures.getOrDefault(labels("tier", tier, "from", from, "to", to, "reason", reason), 0L);
    }

    public long planSteps(String tier, String from, String to) {
        return steps.getOrDefault(labels("tier", tier, "from", from, "to", to), 0L);
    }

    public String exposition() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP ").append(LAG).append(" Replication lag of a region behind its source, seconds.\n");
        sb.append("# TYPE ").append(LAG).append(" gauge\n");
        lag.forEach((l, v) -> sb.append(LAG).append(l).append(' ').append(v.isInfinite() ? "+Inf" : Double.toString(v)).append('\n'));
        sb.append("# HELP ").append(PLAN_STEPS).append(" Replication steps planned (files to copy, tables to sync).\n");
        sb.append("# TYPE ").append(PLAN_STEPS).append(" counter\n");
        steps.forEach((l, v) -> sb.append(PLAN_STEPS).append(l).append(' ').append(v).append('\n'));
        sb.append("# HELP ").append(STEP_FAILURES).append(" Replication steps that failed, by reason.\n");
        sb.append("# TYPE ").append(STEP_FAILURES).append(" counter\n");
        failures.forEach((l, v) -> sb.append(STEP_FAILURES).append(l).append(' ').append(v).append('\n'));
        return sb.toString();
    }

    public void writeTo(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, exposition(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String labels(String... kv) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) sb.append(',');
            sb.append(kv[i]).append("=\"").append(kv[i + 1].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }
}
