package io.cryptorun.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.jobs.settings.InvalidSettingsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdConfigTest {
    static final Path SHIPPED = Path.of("..", "config", "cryptorun.yaml");

    @TempDir
    Path dir;

    /** The shipped config file holds every threshold, each with the SPEC value (= defaults()). */
    @Test
    void shippedConfigIsTheSpec() throws Exception {
        AnalyticsSettings loaded = ThresholdConfig.load(SHIPPED, AnalyticsSettings.defaults());
        Map<String, String> spec = ThresholdConfig.describe(AnalyticsSettings.defaults());
        assertThat(ThresholdConfig.describe(loaded)).isEqualTo(spec);
        String yaml = Files.readString(SHIPPED);
        for (String key : spec.keySet()) {
            String name = key.substring(key.lastIndexOf('.') + 1);
            assertThat(yaml).as(key).containsPattern("(?m)^\\s+" + name + ":");
        }
        assertThat(spec).containsEntry("thresholds.gates.max_spread_bps", "50")
                .containsEntry("thresholds.gates.fatigue_return_24h", "0.12")
                .containsEntry("thresholds.regime.thrust_bull", "0.615")
                .containsEntry("thresholds.gates.max_late_fill_s", "30")
                .containsEntry("thresholds.universe.min_adv_usd", "100000");
    }

    /** The ADV eligibility (SPEC §4/§5) is configuration too: read exactly, validated, described. */
    @Test
    void minAdvIsConfiguration() throws Exception {
        AnalyticsSettings s = ThresholdConfig.load(write("thresholds:\n  universe:\n    min_adv_usd: 250000.5\n"),
                AnalyticsSettings.defaults());
        assertThat(s.universe().minAdvUsd()).isEqualTo(250000.5);
        assertThat(s.universe().maxBookAgeMicros()).as("the 60 s book age stays SPEC §4's")
                .isEqualTo(AnalyticsSettings.defaults().universe().maxBookAgeMicros());
        assertThat(s.gates()).isEqualTo(AnalyticsSettings.defaults().gates());
        assertThat(ThresholdConfig.describe(s)).containsEntry("thresholds.universe.min_adv_usd", "250000.5");
        assertBad("thresholds:\n  universe:\n    min_adv_usd: -5\n",
                "thresholds.universe.min_adv_usd = \"-5\": must be a decimal ≥ 0 (USD)");
        assertBad("thresholds:\n  universe:\n    max_book_age_s: 60\n",
                "thresholds.universe.max_book_age_s = \"60\": unknown threshold; known: ");
    }

    @Test
    void valuesAreReadAsDecimalsAndApplied() throws Exception {
        Path f = write("thresholds:\n  gates:\n    max_spread_bps: 25.5\n    min_depth_usd: 250000.01\n"
                + "  regime:\n    thrust_bull: 0.7\n  alerts:\n    cooldown_h: 2.5\n");
        AnalyticsSettings s = ThresholdConfig.load(f, AnalyticsSettings.defaults());
        assertThat(s.gates().maxSpreadBps()).isEqualTo(25.5);
        assertThat(s.gates().minDepthUsd()).isEqualTo(250000.01);
        assertThat(s.regime().thrustBull()).isEqualTo(0.7);
        assertThat(s.throttle().cooldownMicros()).isEqualTo(9_000_000_000L);
        assertThat(ThresholdConfig.describe(s)).containsEntry("thresholds.gates.min_depth_usd", "250000.01")
                .containsEntry("thresholds.alerts.cooldown_h", "2.5");
    }

    @Test
    void badValuesAreOneLineNamingKeyValueAndWhatIsAllowed() throws Exception {
        assertBad("thresholds:\n  gates:\n    max_spread_bps: abc\n",
                "thresholds.gates.max_spread_bps = \"abc\": must be a decimal > 0");
        assertBad("thresholds:\n  gates:\n    max_spread_bps: -1\n",
                "thresholds.gates.max_spread_bps = \"-1\": must be a decimal > 0");
        assertBad("thresholds:\n  gates:\n    min_vadr_bars: 20.5\n",
                "thresholds.gates.min_vadr_bars = \"20.5\": must be a whole number in [1, 24]");
        assertBad("thresholds:\n  gates:\n    min_depth_usd: 100000.000000001\n",
                "thresholds.gates.min_depth_usd = \"100000.000000001\": must be a decimal ≥ 0 with at most 8 decimals (the depth's exact precision)");
        assertBad("thresholds:\n  gates:\n    fatigue_return_24h: 0.1234567890123456\n",
                "thresholds.gates.fatigue_return_24h = \"0.1234567890123456\": must have at most 15 significant digits");
        assertBad("thresholds:\n  gates:\n    spread: 50\n", "thresholds.gates.spread = \"50\": unknown threshold; known: ");
        assertBad("thresholds:\n  regime:\n    breadth_high_vol: 0.7\n",
                "thresholds.regime.breadth_high_vol = \"0.7\": need breadth_high_vol < breadth_bull and thrust_high_vol < thrust_bull");
        assertBad("thresholds:\n  scoring:\n    band_moderate: 90\n",
                "thresholds.scoring.band_moderate = \"90\": bands must satisfy band_strong > band_moderate > band_watch");
        assertBad("thresholds:\n  paper:\n    target_2: 0.05\n",
                "thresholds.paper.target_2 = \"0.05\": targets must ascend: target_1 < target_2 < target_3");
    }

    @Test
    void noFileOrNoSectionIsTheSpec() throws Exception {
        AnalyticsSettings d = AnalyticsSettings.defaults();
        assertThat(ThresholdConfig.load(dir.resolve("missing.yaml"), d)).isSameAs(d);
        Path f = write("postgres:\n  dsn: \"\"\n");
        assertThat(ThresholdConfig.describe(ThresholdConfig.load(f, AnalyticsSettings.defaults())))
                .isEqualTo(ThresholdConfig.describe(AnalyticsSettings.defaults()));
    }

    private void assertBad(String yaml, String messageStart) throws Exception {
        Path f = write(yaml);
        assertThatThrownBy(() -> ThresholdConfig.load(f, AnalyticsSettings.defaults()))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith(messageStart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private Path write(String yaml) throws Exception {
        Path f = Files.createTempFile(dir, "cfg", ".yaml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }
}
