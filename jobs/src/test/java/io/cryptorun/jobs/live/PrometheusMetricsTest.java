package io.cryptorun.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.AnalyticsSettings;
import io.cryptorun.jobs.ScannerInputs;
import io.cryptorun.jobs.ScannerJob;
import io.cryptorun.jobs.FileSinks;
import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.live.LiveSourceConfig;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner on the live source (a loopback exchange replaying Kraken frames), running with
 * Flink's Prometheus reporter, exposes every metric {@code docs/OBSERVABILITY.md} documents and
 * every metric a Grafana dashboard or alert rule uses: a dashboard can only chart, and a rule only
 * fire on, what is scraped. Per-venue and per-symbol metrics carry their labels.
 */
class PrometheusMetricsTest {
    private static final Path REPO = Path.of("..");
    private static final int FIRST_PORT = 19400;
    private static final int LAST_PORT = 19409;
    private static final long SCRAPE_DEADLINE_MS = 90_000;
    private static final String OP = "flink_taskmanager_job_task_operator_";

    @TempDir
    Path out;

    @Test
    void everyDocumentedDashboardAndRuleMetricIsScraped() throws Exception {
        Set<String> documented = PrometheusScrape.namesIn(REPO.resolve("docs/OBSERVABILITY.md"));
        Set<String> used = PrometheusScrape.namesIn(REPO.resolve("grafana"));
        assertThat(documented).as("OBSERVABILITY.md documents metrics").hasSizeGreaterThan(20);
        assertThat(used).as("dashboards and rules use metrics").hasSizeGreaterThan(20);
        Set<String> expected = new TreeSet<>(documented);
        expected.addAll(used);
        expected.removeIf(n -> n.contains("_destination_notify")); // the notifier job's: NotifyMetricsIT

        List<FixtureLine> lines = LiveSourceRestoreTest.krakenLines(3_000);
        String jobName = "prometheus_test_" + UUID.randomUUID().toString().replace("-", "_"); // label values are sanitized: no "-"
        Map<String, Set<Map<String, String>>> scraped = Map.of();
        Set<String> missing = expected;
        try (LoopbackExchange server = new LoopbackExchange(0)) {
            LoopbackKraken.serveShiftedToNow(server, lines, SCRAPE_DEADLINE_MS + 30_000);
            LiveSourceConfig config = LoopbackKraken.config(server, "BTC/USD", "ETH/USD");
            Configuration conf = new Configuration();
            conf.set(PipelineOptions.GENERIC_TYPES, false);
            LiveMetricsEndpoint.configure(conf, FIRST_PORT + "-" + LAST_PORT); // what `run --live` applies
            assertThat(conf.getString("metrics.reporter.prom.factory.class", "")).isEqualTo(PrometheusReporterFactory.class.getName());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
            env.enableCheckpointing(500);
            new ScannerJob(ScannerInputs.live(config), FileSinks.outputs(out), AnalyticsSettings.defaults()).build(env);
            JobClient job = env.executeAsync(jobName);
            try {
                long deadline = System.currentTimeMillis() + SCRAPE_DEADLINE_MS;
                while (System.currentTimeMillis() < deadline && !job.getJobStatus().get().isGloballyTerminalState()) {
                    scraped = PrometheusScrape.scrapeRange(FIRST_PORT, LAST_PORT);
                    missing = new TreeSet<>(expected);
                    missing.removeIf(scraped::containsKey);
                    if (missing.isEmpty() && scraped.containsKey(OP + "live_venue_symbol_freshnessMillis")) break;
                    Thread.sleep(1000);
                }
            } finally {
                job.cancel().get();
            }
        }
        assertThat(missing).as("metrics documented or used but not exposed; scraped: %s", scraped.keySet()).isEmpty();
        assertThat(scraped.get(OP + "live_venue_framesReceived")).as("per venue")
                .anySatisfy(l -> assertThat(l).containsEntry("venue", "kraken").containsEntry("job_name", jobName));
        assertThat(scraped.get(OP + "live_venue_symbol_freshnessMillis")).as("per venue and symbol")
                .anySatisfy(l -> assertThat(l).containsEntry("venue", "kraken").containsEntry("symbol", "BTC_USD"));
        assertThat(scraped.get(OP + "gate_trips")).as("one series per gate")
                .extracting(l -> l.get("gate")).contains("freshness", "fatigue", "late_fill", "microstructure", "score");
    }
}
