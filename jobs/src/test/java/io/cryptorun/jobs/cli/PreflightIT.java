package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.jobs.db.DbMigrations;
import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.db.TestPg;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preflight against the real Kafka broker and PostgreSQL of {@code ./cryptorun test}: a topic
 * whose retention would delete replayed records is reported, a topic the broker will create is
 * not an error, an unmigrated database without automatic migrations is refused with what to run,
 * and a refused login reads as one line from the real CLI.
 */
class PreflightIT {
    @TempDir
    Path dir;

    @Test
    void kafkaTopicsRetentionIsCheckedAndMissingTopicsAreFineWhenTheBrokerCreatesThem() throws Exception {
        String bootstrap = System.getenv("CRYPTORUN_KAFKA_BOOTSTRAP");
        assertThat(bootstrap).as("CRYPTORUN_KAFKA_BOOTSTRAP (run the tests with ./cryptorun test)").isNotBlank();
        String shortLived = "cryptorun.preflight-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(shortLived, 1, (short) 1).configs(Map.of("retention.ms", "3600000")))).all().get();
        }
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        Preflight.kafka(bootstrap, List.of(shortLived, "cryptorun.preflight-it-missing-" + UUID.randomUUID()),
                Instant.parse("2025-01-06T00:00:00Z"), new PrintStream(warnings, true, StandardCharsets.UTF_8));
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms").isLessThan(10_000);
        assertThat(warnings.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("cryptorun: warning: topic " + shortLived + " keeps records 1 h (retention.ms=3600000)");
        warnings.reset();
        Preflight.kafka(bootstrap, List.of(shortLived), Instant.now(), new PrintStream(warnings, true, StandardCharsets.UTF_8));
        assertThat(warnings.size()).as("records from now are kept an hour: nothing to say").isZero();
    }

    @Test
    void anUnmigratedDatabaseWithoutAutomaticMigrationsIsRefused() throws Exception {
        try (TestPg pg = TestPg.freshSchema()) {
            PgSettings s = pg.settings;
            PgSettings noMigrate = new PgSettings(s.jdbcUrl(), s.user(), s.password(), s.connectTimeoutS(), s.socketTimeoutS(),
                    s.batchSize(), s.batchIntervalMs(), s.maxCommitAttempts(), s.xaTimeoutS(), false, s.partitionMonthsAhead());
            assertThatThrownBy(() -> Preflight.postgres(noMigrate)).isInstanceOf(UserError.class)
                    .hasMessageContaining("has no CryptoRun schema").hasMessageContaining("./cryptorun db migrate");
            Preflight.postgres(s); // migrations on: the replay applies them itself
            DbMigrations.migrate(s, Instant.now());
            Preflight.postgres(noMigrate);
        }
    }

    @Test
    void aRefusedLoginIsOneLineFromTheRealCli() throws Exception {
        PgSettings admin = TestPg.shared();
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("summary.json"), "{}\n");
        Path wrong = Files.writeString(dir.resolve("pw"), "not-the-password\n");
        CliProcess.Ran r = CliProcess.run(dir, Map.of(), "replay", "--fixtures", "fixtures/multi-venue-sim", "--out", out.toString(),
                "--pg-dsn", admin.jdbcUrl(), "--pg-user", admin.user(), "--pg-password-file", wrong.toString());
        assertThat(r.errLines()).as("stderr").hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("cryptorun: error: PostgreSQL refused the login: ").contains("PG_PASSWORD")
                .doesNotContain("not-the-password");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo("{}\n");
        assertThat(ReplayRunner.stagingDir(out)).doesNotExist();
    }
}
