package io.cryptorun.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.output.FileSinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thresholds in force are the job's global parameters: the web UI's job configuration shows them. */
class ScannerJobSettingsTest {
    @TempDir
    Path dir;

    @Test
    void thresholdsAreGlobalJobParameters() throws Exception {
        Path frames = dir.resolve("frames.jsonl");
        Files.write(frames, List.of("{\"ts\":1736121600000000,\"venue\":\"kraken\",\"conn\":\"kraken-0\",\"frame\":\"{\\\"channel\\\":\\\"heartbeat\\\"}\"}"));
        AnalyticsSettings s = ThresholdConfig.apply(AnalyticsSettings.defaults(), Map.of("gates.max_spread_bps", "25"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScannerJob.forFixtures(frames, null, 0, new FileSinks(dir.resolve("out"), null, "t")).withSettings(s).build(env);
        Map<String, String> params = env.getConfig().getGlobalJobParameters().toMap();
        assertThat(params).containsEntry("thresholds.gates.max_spread_bps", "25")
                .containsEntry("thresholds.gates.fatigue_return_24h", "0.12")
                .containsAllEntriesOf(ThresholdConfig.describe(s));
    }

    /** {@code ./cryptorun submit … -- --config FILE}: the cluster entry's arguments reach the settings. */
    @Test
    void clusterEntryReadsConfigAndChannels() throws Exception {
        Path cfg = dir.resolve("cfg.yaml");
        Files.writeString(cfg, "thresholds:\n  universe:\n    min_adv_usd: 50000\n  gates:\n    max_spread_bps: 25\n");
        AnalyticsSettings s = ScannerJob.settings(ParameterTool.fromArgs(
                new String[] {"--fixtures", "f", "--out", "o", "--config", cfg.toString(), "--channels", "a,b"}));
        assertThat(ThresholdConfig.describe(s)).containsEntry("thresholds.gates.max_spread_bps", "25")
                .containsEntry("thresholds.universe.min_adv_usd", "50000");
        assertThat(s.channels()).containsExactly("a", "b");
        assertThat(ThresholdConfig.describe(ScannerJob.settings(ParameterTool.fromArgs(new String[] {"--out", "o"}))))
                .isEqualTo(ThresholdConfig.describe(AnalyticsSettings.defaults()));
        Files.writeString(cfg, "thresholds:\n  universe:\n    min_adv_usd: x\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScannerJob.settings(
                ParameterTool.fromArgs(new String[] {"--config", cfg.toString()})))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("thresholds.universe.min_adv_usd = \"x\": must be a decimal ≥ 0 (USD)");
    }
}
