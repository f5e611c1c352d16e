package io.cryptorun.jobs.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.jobs.cli.CryptoRunCli;
import io.cryptorun.jobs.kafka.MicrostructureKafkaIT;
import io.cryptorun.jobs.output.OutputFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code cryptorun replay --pg-dsn … --kafka …} over the bundled fixture against the real
 * PostgreSQL and Kafka: the migrations are applied, every table holds exactly the counts of
 * summary.json, jobs_audit has the job and its checkpoints, no prepared transaction is left, and a
 * second run over the same input changes no row.
 */
class PostgresReplayIT {
    static final Path BUNDLED = Path.of("..", "fixtures", "kraken-sim");

    @TempDir
    Path dir;

    @Test
    void bundledReplayFillsTheTablesWithTheSummaryCountsAndARerunChangesNothing() throws Exception {
        String kafka = MicrostructureKafkaIT.bootstrap();
        try (TestPg pg = TestPg.freshSchema()) {
            Path password = dir.resolve("pg-password");
            Files.writeString(password, pg.settings.password() + "\n", StandardCharsets.UTF_8);
            String alertsTopic = "cryptorun.alerts.it-" + pg.schema;
            String exitsTopic = "cryptorun.exits.it-" + pg.schema;
            AnalyticsTopics.create(kafka, alertsTopic, exitsTopic);
            // controls on two channels, so that control_audit, suppressed_alerts and "until" get rows too
            Path controls = dir.resolve("controls.jsonl");
            Files.writeString(controls, String.join("\n",
                    "{\"ts\":1736134200000000,\"action\":\"mute\",\"scope\":\"symbol\",\"target\":\"BCH/USD\",\"ttl_s\":3600,\"user\":\"ops\"}",
                    "{\"ts\":1736137800000000,\"action\":\"explode\",\"target\":\"BCH/USD\"}", ""));
            String[] args = {"replay", "--fixtures", BUNDLED.toString(), "--out", dir.resolve("out").toString(),
                "--pg-dsn", pg.settings.jdbcUrl(), "--pg-user", pg.settings.user(), "--pg-password-file", password.toString(),
                "--kafka", kafka, "--kafka-topic", "cryptorun.microstructure.it-db", "--checkpoint-interval", "1000",
                "--kafka-alerts-topic", alertsTopic, "--kafka-exits-topic", exitsTopic,
                "--controls", controls.toString(), "--channels", "default,ops"};

            assertThat(new CommandLine(new CryptoRunCli()).execute(args)).isZero();
            JsonNode summary = new ObjectMapper().readTree(dir.resolve("out").resolve(OutputFiles.SUMMARY).toFile());
            assertThat(pg.count("SELECT count(*) FROM trades")).isEqualTo(summary.path("trades").asLong()).isPositive();
            assertThat(pg.count("SELECT count(*) FROM microstructure")).isEqualTo(summary.path("microstructure").asLong()).isPositive();
            for (String interval : new String[] {"1m", "1h", "4h", "1d"}) {
                assertThat(pg.count("SELECT count(*) FROM bars WHERE \"interval\" = '" + interval + "'"))
                        .as(interval).isEqualTo(summary.path("bars").path(interval).asLong()).isPositive();
            }
            assertThat(pg.count("SELECT count(*) FROM bars")).isEqualTo(Files.readAllLines(dir.resolve("out").resolve(OutputFiles.BARS)).size());
            AnalyticsTopics.assertTablesMatchSummary(pg, summary);
            AnalyticsTopics.assertTopicsMatchFiles(kafka, alertsTopic, exitsTopic, dir.resolve("out"));
            // the tables hold what the files hold: spot-check exact decimals of one microstructure line
            JsonNode first = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("out").resolve(OutputFiles.MICROSTRUCTURE)).get(0));
            assertThat(pg.count("SELECT count(*) FROM microstructure WHERE venue = '" + first.path("venue").asText()
                    + "' AND symbol = '" + first.path("symbol").asText() + "' AND ts = to_timestamp(" + first.path("ts").asLong()
                    + " / 1e6) AND spread_bps = " + first.path("spread_bps").asText() + " AND depth_usd = "
                    + first.path("depth_usd").asText())).isEqualTo(1);
            assertThat(pg.preparedTransactions()).isZero();
            assertThat(pg.count("SELECT count(*) FROM jobs_audit WHERE event = 'SUBMITTED'")).isEqualTo(1);
            assertThat(pg.count("SELECT count(*) FROM jobs_audit WHERE event = 'FINISHED' AND status = 'FINISHED' AND latency_ms >= 0"))
                    .isEqualTo(1);
            assertThat(pg.count("SELECT count(*) FROM jobs_audit WHERE event = 'CHECKPOINT' AND status = 'COMPLETED' "
                    + "AND end_ts >= start_ts AND latency_ms >= 0")).isPositive();
            Map<String, String> once = TableFingerprint.of(pg.settings, TableFingerprint.OUTPUT_TABLES);

            assertThat(new CommandLine(new CryptoRunCli()).execute(args)).isZero();
            assertThat(TableFingerprint.of(pg.settings, TableFingerprint.OUTPUT_TABLES)).isEqualTo(once);
            assertThat(pg.preparedTransactions()).isZero();
            assertThat(pg.count("SELECT count(DISTINCT job_id) FROM jobs_audit WHERE event = 'FINISHED'")).isEqualTo(2);
        }
    }
}
