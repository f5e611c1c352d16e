package io.cryptorun.jobs.live;

import org.apache.flink.configuration.Configuration;

/**
 * The Prometheus endpoint of {@code cryptorun run --live}: the embedded MiniCluster gets Flink's
 * Prometheus reporter, like the session cluster ({@code flink-conf/}), so the live source's
 * metrics (freshness, resyncs, gaps, circuit state — docs/RUNBOOKS.md) can be scraped from a
 * local run too. Port: {@code --metrics-port}, else {@code CRYPTORUN_METRICS_PORT}, else
 * {@value #DEFAULT_PORT}.
 */
public final class LiveMetricsEndpoint {
    public static final int DEFAULT_PORT = 9249;
    public static final String PORT_ENV = "CRYPTORUN_METRICS_PORT";
    static final String FACTORY = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    private LiveMetricsEndpoint() {}

    /**
     * Adds the reporter to {@code conf}.
     *
     * @param ports a port ({@code 9249}) or a range ({@code 9249-9259}: the first free one)
     * @throws IllegalArgumentException with a one-line message for anything else
     */
    public static Configuration configure(Configuration conf, String ports) {
        String p = ports == null ? "" : ports.trim();
        if (!p.matches("\\d{1,5}(-\\d{1,5})?")) {
            throw new IllegalArgumentException("--metrics-port must be a port or a range like 9249-9259, not '" + ports + "'");
        }
        String[] r = p.split("-");
        int lo = Integer.parseInt(r[0]);
        int hi = Integer.parseInt(r[r.length - 1]);
        if (lo < 1 || hi > 65_535 || lo > hi) {
            throw new IllegalArgumentException("--metrics-port out of range 1-65535 (or empty range): '" + ports + "'");
        }
        conf.setString("metrics.reporter.prom.factory.class", FACTORY);
        conf.setString("metrics.reporter.prom.port", p);
        return conf;
    }

    /** The port setting from the environment, else the default. */
    public static String portFrom(java.util.Map<String, String> env) {
        String v = env.get(PORT_ENV);
        return v == null || v.isBlank() ? String.valueOf(DEFAULT_PORT) : v.trim();
    }
}
