package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.cli.ThresholdReplayFixture.Book;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, the paper exits of SPEC §9 at replay level (same {@link ThresholdReplayFixture}): hard
 * stop 1.5 × ATR, trailing stop 1.8 × ATR below the high-water mark after the trailing delay,
 * profit targets +8 / +15 / +25 % and the time limit, each exactly on its level and one price unit
 * (0.0001, the books' precision) either side, fed as Kraken books through the real job; exits read
 * from {@code exits.jsonl}.
 *
 * <p>Every symbol has flat history at 100 with every hour's range exactly 1 (ATR(1h) exactly 1) and
 * a book 99.9999 / 100.0001 (mid 100, the entry). The config lets every gated asset alert
 * ({@code min_score: 0}, every VADR tier minimum 1 — flat history has VADR exactly 1 —, no hourly/daily cap), so each symbol opens a position at the first scan tick
 * E; from E + 30 s its book moves to the row's mid (bid/ask ± 0.0001), so the scan at E + 1 min sees
 * it. The two durations are set by config exactly on held times the scan reaches:
 * {@code trailing_after_h: 0.05} (E + 3 min) and {@code max_hold_h: 0.1} (E + 6 min) — held time only
 * takes whole scan minutes, so its "one unit" is one tick: no trailing exit at E + 2 min, none of
 * the time limit at E + 5 min.
 *
 * <p>Flipping {@code ≥} to {@code >} for the hard stop, trailing stop, a profit target or the held
 * times in {@code PaperTracker} fails the EQ rows: checked once by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaperExitReplayTest {
    static final long T0 = ThresholdReplayFixture.T0;
    static final long S = ThresholdReplayFixture.S;
    static final long MIN = ThresholdReplayFixture.MIN;
    static final long E = T0 + MIN; // the first scan tick: every position's entry

    final ThresholdReplayFixture fx = new ThresholdReplayFixture(E + 8 * MIN);
    final Map<String, List<JsonNode>> exits = new LinkedHashMap<>();

    @BeforeAll
    void replay(@TempDir Path tmp) throws Exception {
        fx.flat("SIS/USD", 50.02, 0.5, new Book("SIS/USD", 4, 8, "50.0100", "5000", "50.0300", "5000")); // the trades' symbol
        String[][] rows = {
                {"HSEQ", "98.5"}, {"HSUP", "98.5001"}, {"HSDN", "98.4999"}, // hard stop at entry − 1.5 × ATR = 98.5
                {"T1EQ", "108"}, {"T1UP", "108.0001"}, {"T1DN", "107.9999"}, // +8 %
                {"T2EQ", "115"}, {"T2UP", "115.0001"}, {"T2DN", "114.9999"}, // +15 %
                {"T3EQ", "125"}, {"T3UP", "125.0001"}, {"T3DN", "124.9999"}, // +25 %
                {"TREQ", "102"}, {"TRUP", "102"}, {"TRDN", "102"}}; // high-water 102, then the trailing rows below
        for (String[] r : rows) {
            String symbol = r[0] + "/USD";
            fx.flat(symbol, 100, 0.5, book(symbol, "100"));
            fx.bookFrom(E + 30 * S, book(symbol, r[1]));
        }
        // trailing: 102 − 1.8 × ATR = 100.2, seen from E + 2 min (held 2 min: not yet armed), armed at E + 3 min
        fx.bookFrom(E + MIN + 30 * S, book("TREQ/USD", "100.2"));
        fx.bookFrom(E + MIN + 30 * S, book("TRUP/USD", "100.2001"));
        fx.bookFrom(E + MIN + 30 * S, book("TRDN/USD", "100.1999"));
        fx.thresholdsYaml = """
                thresholds:
                  gates:
                    min_score: 0
                    vadr_large_min: 1
                    vadr_mid_min: 1
                    vadr_small_min: 1
                  alerts:
                    max_per_hour: 1000
                    max_per_hour_high_vol: 1000
                    max_per_day: 1000
                  paper:
                    trailing_after_h: 0.05
                    max_hold_h: 0.1
                """;
        fx.replay(tmp);
        for (JsonNode e : fx.exits) exits.computeIfAbsent(e.path("symbol").asText(), k -> new ArrayList<>()).add(e);
    }

    private static Book book(String symbol, String mid) {
        BigDecimal m = new BigDecimal(mid);
        BigDecimal u = new BigDecimal("0.0001");
        return new Book(symbol, 4, 8, m.subtract(u).setScale(4).toPlainString(), "5000", m.add(u).setScale(4).toPlainString(), "5000");
    }

    @Test
    void everyRowOpenedAtTheFirstTickAtMid100() {
        for (String s : List.of("HSEQ", "HSUP", "HSDN", "T1EQ", "T1UP", "T1DN", "T2EQ", "T2UP", "T2DN", "T3EQ", "T3UP",
                "T3DN", "TREQ", "TRUP", "TRDN")) {
            List<JsonNode> ex = exits.get(s + "/USD");
            assertThat(ex).as("%s exits; alerts %s; scored at E %s; summary %s", s, fx.alerts, fx.at(E).get(s + "/USD"), fx.summary).isNotEmpty();
            for (JsonNode e : ex) {
                assertThat(e.path("entry_ts").asLong()).isEqualTo(E);
                assertThat(e.path("entry").decimalValue()).isEqualByComparingTo("100");
            }
        }
    }

    /**
     * Exits of a symbol as "minutes after entry:reason:fraction" (fraction in thirds), in order.
     */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "HSEQ/USD | 1:hard_stop:3", "HSUP/USD | 6:time_limit:3", "HSDN/USD | 1:hard_stop:3",
            "T1EQ/USD | 1:profit_target:1 6:time_limit:2", "T1UP/USD | 1:profit_target:1 6:time_limit:2",
            "T1DN/USD | 6:time_limit:3",
            "T2EQ/USD | 1:profit_target:2 6:time_limit:1", "T2UP/USD | 1:profit_target:2 6:time_limit:1",
            "T2DN/USD | 1:profit_target:1 6:time_limit:2",
            "T3EQ/USD | 1:profit_target:3", "T3UP/USD | 1:profit_target:3", "T3DN/USD | 1:profit_target:2 6:time_limit:1",
            "TREQ/USD | 3:trailing_stop:3", "TRUP/USD | 6:time_limit:3", "TRDN/USD | 3:trailing_stop:3"})
    void exitsExactlyOnAndOneUnitEitherSide(String symbol, String expected) {
        List<String> got = new ArrayList<>();
        for (JsonNode e : exits.getOrDefault(symbol, List.of())) {
            long minutes = (e.path("ts").asLong() - E) / MIN;
            assertThat((e.path("ts").asLong() - E) % MIN).isZero();
            long thirds = Math.round(e.path("fraction").asDouble() * 3);
            got.add(minutes + ":" + e.path("reason").asText() + ":" + thirds);
        }
        assertThat(String.join(" ", got)).as("%s: %s", symbol, exits.get(symbol)).isEqualTo(expected);
    }
}
