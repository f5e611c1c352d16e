package io.cryptorun.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.FileSinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        new ScannerJob(ScannerInputs.fixtures(frames, null, 0, null), FileSinks.outputs(dir.resolve("out")), s).build(env);
        Map<String, String> params = env.getConfig().getGlobalJobParameters().toMap();
        assertThat(params).containsEntry("thresholds.gates.max_spread_bps", "25")
                .containsEntry("thresholds.gates.fatigue_return_24h", "0.12")
                .containsAllEntriesOf(ThresholdConfig.describe(s));
    }
}
