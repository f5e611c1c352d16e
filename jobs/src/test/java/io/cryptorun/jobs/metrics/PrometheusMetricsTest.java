package io.cryptorun.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.ScannerJob;
import io.cryptorun.jobs.output.FileSinks;
import java.nio.file.Path;
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
 * The scanner job, running with Flink's Prometheus reporter, exposes every metric that
 * {@code docs/OBSERVABILITY.md} documents and every metric a Grafana dashboard or alert rule uses:
 * a dashboard can only chart, and a rule only fire on, what is scraped.
 */
class PrometheusMetricsTest {
    private static final Path REPO = Path.of("..");
    private static final int FIRST_PORT = 19400;
    private static final int LAST_PORT = 19409;
    private static final long SCRAPE_DEADLINE_MS = 120_000;

    @TempDir
    Path out;

    @Test
    void everyDocumentedDashboardAndRuleMetricIsScraped() throws Exception {
        Set<String> documented = PrometheusScrape.namesIn(REPO.resolve("docs/OBSERVABILITY.md"));
        Set<String> used = PrometheusScrape.namesIn(REPO.resolve("grafana"));
        assertThat(documented).as("OBSERVABILITY.md documents metrics").hasSizeGreaterThan(10);
        assertThat(used).as("dashboards and rules use metrics").hasSizeGreaterThan(10);
        Set<String> expected = new TreeSet<>(documented);
        expected.addAll(used);

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.setString("metrics.reporter.prom.factory.class", PrometheusReporterFactory.class.getName());
        conf.setString("metrics.reporter.prom.port", FIRST_PORT + "-" + LAST_PORT);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
        env.enableCheckpointing(500);
        // paced, so the job is still running (and checkpointing) while we scrape
        ScannerJob.forFixtures(REPO.resolve("fixtures/kraken-sim"), null, 120, new FileSinks(out, null, null)).build(env);
        String jobName = "prometheus-test-" + UUID.randomUUID();
        JobClient job = env.executeAsync(jobName);

        Set<String> missing = expected;
        Map<String, Set<Map<String, String>>> scraped = Map.of();
        try {
            long deadline = System.currentTimeMillis() + SCRAPE_DEADLINE_MS;
            while (System.currentTimeMillis() < deadline && !job.getJobStatus().get().isGloballyTerminalState()) {
                scraped = PrometheusScrape.scrapeRange(FIRST_PORT, LAST_PORT);
                missing = new TreeSet<>(expected);
                missing.removeIf(scraped::containsKey);
                if (missing.isEmpty()) break;
                Thread.sleep(1000);
            }
        } finally {
            job.cancel().get();
        }
        assertThat(missing).as("metrics documented or used but not exposed; scraped: %s", scraped.keySet()).isEmpty();
        assertThat(scraped.get("flink_taskmanager_job_task_operator_frames"))
                .as("per-job labels let dashboards select one job")
                .anySatisfy(labels -> assertThat(labels).containsEntry("job_name", jobName));
    }
}
