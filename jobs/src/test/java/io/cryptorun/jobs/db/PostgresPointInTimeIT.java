package io.cryptorun.jobs.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.cli.PointInTime;
import io.cryptorun.jobs.cli.ReplayOptions;
import io.cryptorun.jobs.cli.ReplayRunner;
import io.cryptorun.jobs.kafka.MicrostructureKafkaIT;
import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.sources.fixture.Manifest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point-in-time replay with PostgreSQL and Kafka on (issue 5, item 5): a replay of the bundled
 * fixture stopped with a savepoint at an event time mid-fixture and resumed from it leaves the same
 * rows in every table (count, distinct keys, hash of every row), the same records in the alerts
 * and exits topics read with read_committed, and byte-identical files, as an uninterrupted replay
 * into a schema and topics of its own; the resumed run's microstructure topic holds exactly the
 * lines of its own file (no duplicate across the savepoint).
 */
class PostgresPointInTimeIT {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
    private static final List<String> FILES = List.of(OutputFiles.MICROSTRUCTURE, OutputFiles.BARS, OutputFiles.QUARANTINE,
            OutputFiles.REGIME, OutputFiles.SCORES, OutputFiles.ALERTS, OutputFiles.SUPPRESSED, OutputFiles.EXITS,
            OutputFiles.CONTROL_AUDIT, OutputFiles.SUMMARY);
    private static final List<String> TABLES = TableFingerprint.OUTPUT_TABLES;

    @TempDir
    Path dir;

    @Test
    void stoppedAndResumedReplayWritesWhatAnUninterruptedOneWrites() throws Exception {
        String kafka = MicrostructureKafkaIT.bootstrap();
        Path fixture = PostgresReplayIT.BUNDLED;
        Manifest m = Manifest.read(fixture);
        long cut = m.firstTs() + (m.lastTs() - m.firstTs()) * 2 / 5;
        try (TestPg whole = TestPg.freshSchema(); TestPg split = TestPg.freshSchema()) {
            ReplayOptions wholeRun = options(whole, kafka);
            ReplayRunner.run(fixture, null, dir.resolve("whole"), wholeRun, false, QUIET);

            ReplayOptions splitRun = options(split, kafka);
            Path out = dir.resolve("split");
            ReplayRunner.Result stopped = ReplayRunner.run(fixture, null, out, splitRun,
                    new PointInTime(cut, dir.resolve("savepoints"), null), false, QUIET);
            assertThat(stopped.savepoint()).as("a savepoint is taken at the cut").isNotNull();
            assertThat(split.count("SELECT count(*) FROM microstructure"))
                    .as("the stopped part is committed, and only up to the cut")
                    .isPositive().isLessThan(whole.count("SELECT count(*) FROM microstructure"));
            assertThat(split.count("SELECT count(*) FROM microstructure WHERE ts > cryptorun_us(" + cut + ")")).isZero();
            assertThat(split.preparedTransactions()).isZero();

            ReplayRunner.run(fixture, null, out, splitRun, new PointInTime(PointInTime.NO_STOP, null, Path.of(stopped.savepoint())),
                    false, QUIET);

            for (String f : FILES) {
                assertThat(Files.mismatch(dir.resolve("whole").resolve(f), out.resolve(f))).as(f).isEqualTo(-1L);
            }
            assertThat(TableFingerprint.of(split.settings, TABLES)).isEqualTo(TableFingerprint.of(whole.settings, TABLES));
            assertThat(split.preparedTransactions()).isZero();
            int micro = Files.readAllLines(out.resolve(OutputFiles.MICROSTRUCTURE)).size();
            for (String[] topics : new String[][] {
                    {wholeRun.kafkaTopic, splitRun.kafkaTopic},
                    {wholeRun.kafkaAlertsTopic, splitRun.kafkaAlertsTopic},
                    {wholeRun.kafkaExitsTopic, splitRun.kafkaExitsTopic}}) {
                List<String> expected = sorted(AnalyticsTopics.values(kafka, topics[0], 1));
                assertThat(expected).as(topics[0]).isNotEmpty();
                assertThat(sorted(AnalyticsTopics.values(kafka, topics[1], expected.size()))).as(topics[1]).isEqualTo(expected);
            }
            AnalyticsTopics.assertTopicsMatchFiles(kafka, splitRun.kafkaAlertsTopic, splitRun.kafkaExitsTopic, out);
            // sorted, not containsExactlyInAnyOrder: that compares pairwise, minutes for 2·10^5 lines
            assertThat(sorted(AnalyticsTopics.values(kafka, splitRun.kafkaTopic, micro))).as("microstructure topic = its file")
                    .isEqualTo(sorted(Files.readAllLines(out.resolve(OutputFiles.MICROSTRUCTURE))));
        }
    }

    private static ReplayOptions options(TestPg pg, String kafka) throws Exception {
        ReplayOptions o = new ReplayOptions();
        o.parallelism = 2;
        o.speed = 0;
        o.checkpointIntervalMs = 1000;
        o.postgres = pg.settings;
        o.kafkaBootstrap = kafka;
        o.kafkaTopic = "cryptorun.microstructure.it-" + pg.schema;
        o.kafkaAlertsTopic = "cryptorun.alerts.it-" + pg.schema;
        o.kafkaExitsTopic = "cryptorun.exits.it-" + pg.schema;
        // the bundled fixture quarantines nothing; a topic of its own keeps its producer from fencing other runs
        o.kafkaQuarantineTopic = "cryptorun.quarantine.it-" + pg.schema;
        AnalyticsTopics.create(kafka, o.kafkaTopic, o.kafkaAlertsTopic, o.kafkaExitsTopic, o.kafkaQuarantineTopic);
        return o;
    }

    private static List<String> sorted(List<String> values) {
        List<String> out = new ArrayList<>(values);
        out.sort(null);
        return out;
    }
}
