package io.cryptorun.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.cli.NotifyCommand;
import java.net.ServerSocket;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The notifier job's metrics as Prometheus scrapes them (the scanner's own are checked by
 * {@link PrometheusMetricsTest}, which leaves these to this test): every
 * {@code …_destination_notify*} metric that docs/OBSERVABILITY.md documents or a Grafana panel uses
 * is exposed per destination, labelled with the destination id only.
 */
class NotifyMetricsIT {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theNotifiersDocumentedAndPanelledMetricsAreExposedPerDestination() throws Exception {
        Set<String> expected = new TreeSet<>(PrometheusScrape.namesIn(REPO.resolve("docs/OBSERVABILITY.md"), REPO.resolve("grafana")));
        expected.removeIf(n -> !n.contains("_destination_notify"));
        assertThat(expected).as("documented notifier metrics").hasSizeGreaterThanOrEqualTo(5);

        String kafka = System.getenv("CRYPTORUN_KAFKA_BOOTSTRAP");
        String topic = "cryptorun.alerts.metrics-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "-1")))).all().get();
        }
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, "BCH/USD", "{\"ts\":1736136000000000,\"symbol\":\"BCH/USD\",\"score\":78.3,\"channel\":\"default\"}")).get();
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.setString("metrics.reporter.prom.factory.class", PrometheusReporterFactory.class.getName());
        conf.setString("metrics.reporter.prom.port", Integer.toString(port));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.enableCheckpointing(1000);
        NotifyCommand cmd = new NotifyCommand();
        new picocli.CommandLine(cmd).parseArgs("--to", "slack:desk", "--to", "telegram:ops:-1001", "--kafka", kafka,
                "--alerts-topic", topic, "--exits-topic", "none", "--control-topic", "none", "--dry-run");
        io.cryptorun.jobs.notify.NotifyJob.build(env, cmd.settings());
        JobClient job = env.executeAsync("notify_metrics_test");
        Map<String, Set<Map<String, String>>> scraped = Map.of();
        Set<String> missing = expected;
        try {
            long deadline = System.currentTimeMillis() + 90_000;
            while (System.currentTimeMillis() < deadline && !missing.isEmpty()) {
                scraped = PrometheusScrape.scrapeRange(port, port);
                missing = new TreeSet<>(expected);
                missing.removeIf(scraped::containsKey);
                Thread.sleep(1000);
            }
        } finally {
            job.cancel().get();
        }
        assertThat(missing).as("scraped: %s", scraped.keySet()).isEmpty();
        assertThat(scraped.get("flink_taskmanager_job_task_operator_destination_notifySent"))
                .extracting(l -> l.get("destination")).containsExactlyInAnyOrder("slack:desk", "telegram:ops");
    }
}
