package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.jobs.AnalyticsSettings;
import io.cryptorun.jobs.settings.InvalidSettingsException;
import io.cryptorun.jobs.OutputKind;
import io.cryptorun.jobs.ThresholdConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job jar's entry point on a cluster takes the options of {@code replay} / {@code run --live}. */
class ScannerLauncherTest {
    @TempDir
    Path dir;

    /** {@code ./cryptorun submit … -- --config FILE --channels a,b}: the cluster entry's arguments reach the settings. */
    @Test
    void clusterEntryReadsConfigAndChannels() throws Exception {
        Path cfg = dir.resolve("cfg.yaml");
        Files.writeString(cfg, "thresholds:\n  universe:\n    min_adv_usd: 50000\n  gates:\n    max_spread_bps: 25\n");
        AnalyticsSettings s = ScannerLauncher.settings(ScannerLauncher.parse(
                new String[] {"--fixtures", "f", "--out", "o", "--config", cfg.toString(), "--channels", "a,b"}).options);
        assertThat(ThresholdConfig.describe(s)).containsEntry("thresholds.gates.max_spread_bps", "25")
                .containsEntry("thresholds.universe.min_adv_usd", "50000");
        assertThat(s.channels()).containsExactly("a", "b");
        Path missing = dir.resolve("none.yaml");
        assertThat(ThresholdConfig.describe(ScannerLauncher.settings(ScannerLauncher.parse(
                new String[] {"--out", "o", "--config", missing.toString()}).options)))
                .isEqualTo(ThresholdConfig.describe(AnalyticsSettings.defaults()));
        Files.writeString(cfg, "thresholds:\n  universe:\n    min_adv_usd: x\n");
        assertThatThrownBy(() -> ScannerLauncher.settings(ScannerLauncher.parse(
                new String[] {"--out", "o", "--config", cfg.toString()}).options))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("thresholds.universe.min_adv_usd = \"x\": must be a decimal ≥ 0 (USD)");
    }

    /** Two jobs on one Kafka: every topic and the transactional-id prefix are the job's arguments (issue 15). */
    @Test
    void clusterEntryTakesEveryKafkaTopicAndTheTransactionalIdPrefix() {
        ScannerLauncher.ClusterJob job = ScannerLauncher.parse(new String[] {"--fixtures", "f", "--out", "o",
            "--kafka", "127.0.0.1:1", "--kafka-topic", "m2", "--kafka-alerts-topic", "a2", "--kafka-exits-topic", "e2",
            "--kafka-quarantine-topic", "q2", "--kafka-transactional-id-prefix", "job2-"});
        var kafka = ScannerLauncher.kafka(job.options);
        assertThat(kafka.topics()).isEqualTo(Map.of(OutputKind.MICROSTRUCTURE, "m2", OutputKind.ALERTS, "a2",
                OutputKind.EXITS, "e2", OutputKind.QUARANTINE, "q2"));
        assertThat(kafka.transactionalIdPrefix()).isEqualTo("job2-");
        assertThat(kafka.enabled()).isTrue();
        var outputs = kafka.addTo(io.cryptorun.jobs.FileSinks.outputs(dir));
        for (OutputKind k : OutputKind.values()) {
            assertThat(outputs.kafka(k).isPresent()).as(k.name()).isEqualTo(k.hasKafkaCopy());
        }
    }

    @Test
    void clusterEntryDefaultsAreTheCliDefaults() {
        ScannerLauncher.ClusterJob job = ScannerLauncher.parse(new String[] {"--fixtures", "f", "--out", "o"});
        ReplayOptions cli = new ReplayOptions();
        assertThat(job.options.kafkaTopic).isEqualTo(cli.kafkaTopic).isEqualTo("cryptorun.microstructure");
        assertThat(job.options.kafkaAlertsTopic).isEqualTo(cli.kafkaAlertsTopic);
        assertThat(job.options.kafkaExitsTopic).isEqualTo(cli.kafkaExitsTopic);
        assertThat(job.options.kafkaQuarantineTopic).isEqualTo(cli.kafkaQuarantineTopic);
        assertThat(job.options.kafkaTransactionalIdPrefix).isEqualTo(cli.kafkaTransactionalIdPrefix).isEqualTo("cryptorun-tx-");
        assertThat(job.options.speed).isZero();
        assertThat(job.source).isEqualTo("fixtures");
        assertThat(job.parallelismGiven).isFalse();
        assertThat(job.checkpointIntervalGiven).isFalse();
        assertThat(ScannerLauncher.parse(new String[] {"--out", "o", "--parallelism", "3"}).parallelismGiven).isTrue();
    }

    /** {@code run --live --history FILE} (and the job jar's): the live input reads the file's bars; without it none; a bad file fails before the job. */
    @Test
    void liveAndKafkaInputsTakeTheHistoryAsWarmUpBars() throws Exception {
        Path history = BundledFixtureReplayTest.BUNDLED.resolve("history-1h.csv.gz");
        ReplayOptions o = new ReplayOptions();
        o.kafkaBootstrap = "127.0.0.1:1";
        for (String source : new String[] {"ws", "kafka"}) {
            var warm = (io.cryptorun.sources.replay.TimeOrderedFileSource<?>) ScannerLauncher.inputs(source, null, history, null,
                    "kraken", "BTC/USD", o, Map.of()).history();
            assertThat(warm.paths()).as(source).singleElement().satisfies(f -> assertThat(f).endsWith("kraken-sim/history-1h.csv.gz"));
            var cold = (io.cryptorun.sources.replay.TimeOrderedFileSource<?>) ScannerLauncher.inputs(source, null, null, null,
                    "kraken", "BTC/USD", o, Map.of()).history();
            assertThat(cold.paths()).as(source).isEmpty();
        }
        assertThatThrownBy(() -> ScannerLauncher.inputs("ws", null, dir.resolve("missing.csv"), null, "kraken", "BTC/USD", o, Map.of()))
                .isInstanceOf(io.cryptorun.sources.fixture.InvalidFixtureException.class);
    }

    /** {@code run --control-topic}: only for a live/Kafka input, and only with {@code --kafka}; one line each, exit 2. */
    @Test
    void runControlTopicNeedsALiveInputAndKafka() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = CryptoRunCli.commandLine();
        cl.setErr(new java.io.PrintWriter(err));
        assertThat(cl.execute("run", "--control-topic", "cryptorun.control", "--out", dir.resolve("o").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--control-topic reads a live topic; a fixture run ends");
        err.getBuffer().setLength(0);
        assertThat(cl.execute("run", "--live", "--kafka", "", "--control-topic", "cryptorun.control", "--out",
                dir.resolve("o").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--control-topic needs --kafka BOOTSTRAP");
    }

    @Test
    void aBadArgumentIsOneLine() {
        assertThatThrownBy(() -> ScannerLauncher.parse(new String[] {"--fixtures", "f"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cryptorun: error: Missing required option: '--out=<dir>'")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ScannerLauncher.parse(new String[] {"--out", "o", "--speed", "-1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cryptorun: error: ");
    }
}
