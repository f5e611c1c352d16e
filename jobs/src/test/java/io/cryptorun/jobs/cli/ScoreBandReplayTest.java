package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.cli.ThresholdReplayFixture.Book;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, the score gate (≥ 75), the bands (≥ 85 / 75 / 60) and the cooldown override (score
 * rise ≥ 5) at replay level (same {@link ThresholdReplayFixture}). The score is Φ-based and
 * irrational in general, so the inputs are built to make it exact: two symbols with identical
 * history (flat at 50.02, range 1) and identical books, so every factor's cross-section is
 * degenerate, every sub-score is exactly 50 and the score is exactly 50 (0.4·50 + 0.25·50 + 0.2·50
 * + 0.15·50, each product and sum binary-exact). The thresholds are then set by config on 50 and one
 * unit of the config's precision (15 significant digits: 1e−13) either side, in four replays:
 *
 * <pre>
 * run  min_score          band_strong        band_moderate      band_watch         → gate, band
 * A    50                 50                 49.9999999999999   49.9999999999998   pass, STRONG
 * B    49.9999999999999   50.0000000000001   50                 49.9999999999999   pass, MODERATE
 * C    50.0000000000001   50.0000000000002   50.0000000000001   50                 score_below_threshold, WATCH
 * D    50                 50.0000000000003   50.0000000000002   50.0000000000001   pass, NONE
 * </pre>
 * A and C together pin the score in [50, 50 + 1e−13). The cooldown override: the score never
 * changes, so its rise is exactly 0 — A sets {@code cooldown_score_rise: 0} (on: every tick
 * re-alerts inside the 4 h cooldown), B sets it to 1e−13 (one unit over: suppressed
 * {@code cooldown}) with {@code cooldown_h: 0.05}, so the cooldown ends exactly at the first alert
 * + 3 min (elapsed = cooldown: re-alert; a minute before: suppressed).
 *
 * <p>Flipping {@code ≥} to {@code >} in {@code Band}, {@code GateEvaluator} (min_score) or
 * {@code AlertThrottle} (score rise) fails the on rows: checked once by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScoreBandReplayTest {
    static final long T0 = ThresholdReplayFixture.T0;
    static final long MIN = ThresholdReplayFixture.MIN;
    static final long E = T0 + MIN; // the first scan tick
    static final String[] SYMBOLS = {"SIS/USD", "TWN/USD"};

    final Map<String, ThresholdReplayFixture> runs = new LinkedHashMap<>();

    @BeforeAll
    void replay(@TempDir Path tmp) throws Exception {
        run(tmp, "A", "50", "50", "49.9999999999999", "49.9999999999998", "cooldown_score_rise: 0");
        run(tmp, "B", "49.9999999999999", "50.0000000000001", "50", "49.9999999999999",
                "cooldown_score_rise: 0.0000000000001\n    cooldown_h: 0.05");
        run(tmp, "C", "50.0000000000001", "50.0000000000002", "50.0000000000001", "50", "cooldown_score_rise: 5");
        run(tmp, "D", "50", "50.0000000000003", "50.0000000000002", "50.0000000000001", "cooldown_score_rise: 5");
    }

    private void run(Path tmp, String name, String minScore, String strong, String moderate, String watch, String alerts)
            throws Exception {
        ThresholdReplayFixture fx = new ThresholdReplayFixture(E + 5 * MIN);
        for (String s : SYMBOLS) fx.flat(s, 50.02, 0.5, new Book(s, 4, 8, "50.0199", "5000", "50.0201", "5000"));
        fx.thresholdsYaml = "thresholds:\n  gates:\n    min_score: " + minScore
                + "\n    vadr_large_min: 1\n    vadr_mid_min: 1\n    vadr_small_min: 1\n"
                + "  scoring:\n    band_strong: " + strong + "\n    band_moderate: " + moderate + "\n    band_watch: " + watch
                + "\n  alerts:\n    max_per_hour: 1000\n    max_per_hour_high_vol: 1000\n    max_per_day: 1000\n    " + alerts + "\n";
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        fx.replay(dir);
        runs.put(name, fx);
    }

    private JsonNode first(String run, String symbol) {
        JsonNode n = runs.get(run).at(E).get(symbol);
        assertThat(n).as("run %s: %s scored at the first tick", run, symbol).isNotNull();
        return n;
    }

    private List<Long> alertMinutes(String run, String symbol) {
        List<Long> out = new ArrayList<>();
        for (JsonNode a : runs.get(run).alerts) {
            if (a.path("symbol").asText().equals(symbol)) out.add((a.path("ts").asLong() - E) / MIN);
        }
        return out;
    }

    @Test
    void scoreIsExactlyFiftyFromDegenerateCrossSections() {
        for (String run : runs.keySet()) {
            for (String s : SYMBOLS) {
                JsonNode n = first(run, s);
                assertThat(n.path("score").asDouble()).as("run %s %s", run, n).isEqualTo(50.0);
                n.path("sub_scores").forEach(v -> assertThat(v.asDouble()).isEqualTo(50.0));
                for (String g : List.of("freshness", "fatigue", "late_fill", "microstructure")) {
                    assertThat(n.path("gates").path(g).path("pass").asBoolean()).as("run %s %s %s", run, s, g).isTrue();
                }
            }
        }
    }

    @Test
    void scoreGateExactlyOnAndOneUnitEitherSide() {
        for (String s : SYMBOLS) {
            assertThat(first("A", s).path("gates").path("score").path("pass").asBoolean()).as("score 50 ≥ 50").isTrue();
            assertThat(first("B", s).path("gates").path("score").path("pass").asBoolean()).as("score 50 ≥ 50 − 1e−13").isTrue();
            assertThat(first("C", s).path("gates").path("score").path("reasons").toString()).as("score 50 < 50 + 1e−13")
                    .isEqualTo("[\"score_below_threshold\"]");
        }
        assertThat(runs.get("C").alerts).isEmpty();
    }

    @Test
    void bandsExactlyOnAndOneUnitEitherSide() {
        Map<String, String> expected = Map.of("A", "STRONG", "B", "MODERATE", "C", "WATCH", "D", "NONE");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            for (String s : SYMBOLS) {
                assertThat(first(e.getKey(), s).path("band").asText()).as("run %s %s", e.getKey(), s).isEqualTo(e.getValue());
            }
        }
    }

    /** Rise exactly 0 ≥ cooldown_score_rise 0: every tick re-alerts inside the 4 h cooldown. */
    @Test
    void cooldownOverrideExactlyOn() {
        for (String s : SYMBOLS) assertThat(alertMinutes("A", s)).as("%s", s).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    /** Rise 0 < 1e−13: suppressed by the cooldown until elapsed = cooldown_h (0.05 h) exactly, then re-alerted. */
    @Test
    void cooldownOverrideOneUnitOverAndCooldownEndExactlyOn() {
        for (String s : SYMBOLS) {
            assertThat(alertMinutes("B", s)).as("%s", s).containsExactly(0L, 3L);
            List<String> sup = new ArrayList<>();
            for (JsonNode n : runs.get("B").suppressed) {
                if (n.path("symbol").asText().equals(s)) sup.add((n.path("ts").asLong() - E) / MIN + ":" + n.path("reason").asText());
            }
            assertThat(sup).as("%s", s).startsWith("1:cooldown", "2:cooldown");
        }
    }
}
