package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.cli.ThresholdReplayFixture.Book;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, the fatigue gate's RSI(4h) &gt; 70 and acceleration ≥ 2 pp at replay level (same
 * {@link ThresholdReplayFixture} as {@link ExactThresholdReplayTest}, which has the r_24h &gt; 12 %
 * rows): each exactly on its threshold and one history-price unit (0.0001 on the last 4h close)
 * either side, the other two fatigue conditions held stretched; verdicts from {@code scores.jsonl}
 * at the 00:01 tick.
 *
 * <p>60 hours of history = fifteen 4h bars, every hour of 4h bar k closing at c_k, so RSI(14) of
 * the 4h closes is exactly the seed (the mean of the first 14 changes, no smoothing step):
 * <ul>
 *   <li>RSI: c_0 = 100, seven changes −0.75, one 0, five +2.25, one +1 (c_14 = 107): gains 12.25,
 *       losses 5.25, every change a multiple of 1/4 ⇒ avgGain 0.875, avgLoss 0.375 exactly and
 *       {@code 100·0.875 = 70·(0.875 + 0.375)}: RSI exactly 70 (not &gt; 70: not fatigued). r_24h =
 *       107/94.75 − 1 ≈ 12.9 %, acceleration 107/106 − 106/103.75 ≈ −1.2 pp. c_14 ± 0.0001 moves RSI
 *       just above (fatigued) / below 70.</li>
 *   <li>acceleration: c_k = 50 + 4k to c_12 = 98, c_13 = 98, c_14 = 99.96 = 1.02·98 ⇒
 *       c_14/c_13 − c_13/c_12 = 0.02 exactly (exempt: ≥ 2 pp); RSI 100, r_24h 99.96/82 − 1 ≈ 21.9 %.
 *       c_14 = 99.9601 exempts, 99.9599 is fatigued.</li>
 * </ul>
 * Flipping {@code > 70} to {@code ≥} (fatigue_rsi_4h) or {@code ≥ 2 pp} to {@code >}
 * (fatigue_acceleration_exempt) in {@code GateEvaluator} fails the EQ row: checked once by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FatigueReplayTest {
    static final long T0 = ThresholdReplayFixture.T0;
    static final int HOURS = 60;

    final ThresholdReplayFixture fx = new ThresholdReplayFixture(T0 + 2 * ThresholdReplayFixture.MIN, HOURS);
    Map<String, JsonNode> at;

    @BeforeAll
    void replay(@TempDir Path tmp) throws Exception {
        fx.flat("SIS/USD", 50, 0.5, new Book("SIS/USD", 4, 8, "49.8950", "5000", "50.1451", "5000")); // the trades' symbol
        double[] rsi = new double[15];
        rsi[0] = 100;
        double[] steps = {-0.75, -0.75, -0.75, -0.75, -0.75, -0.75, -0.75, 0, 2.25, 2.25, 2.25, 2.25, 2.25, 1};
        for (int k = 1; k < 15; k++) rsi[k] = rsi[k - 1] + steps[k - 1];
        assertThat(rsi[14]).isEqualTo(107.0);
        fourHour("RSIEQ/USD", rsi, "107");
        fourHour("RSIUP/USD", rsi, "107.0001");
        fourHour("RSIDN/USD", rsi, "106.9999");
        double[] acc = new double[15];
        for (int k = 0; k <= 12; k++) acc[k] = 50 + 4 * k;
        acc[13] = 98;
        fourHour("ACCEQ/USD", acc, "99.96");
        fourHour("ACCUP/USD", acc, "99.9601");
        fourHour("ACCDN/USD", acc, "99.9599");
        fx.replay(tmp);
        at = fx.at(T0 + ThresholdReplayFixture.MIN);
    }

    /** Fifteen 4h bars: every hour of bar k closes at c_k (the last bar at {@code last}); book last ± 0.01. */
    private void fourHour(String symbol, double[] c, String last) {
        double[] hourly = new double[HOURS];
        for (int h = 0; h < HOURS; h++) hourly[h] = h / 4 == 14 ? Double.parseDouble(last) : c[h / 4];
        fx.closes(symbol, hourly, 0.5);
        BigDecimal l = new BigDecimal(last);
        BigDecimal tick = new BigDecimal("0.01");
        fx.books.add(new Book(symbol, 4, 8, l.subtract(tick).setScale(4).toPlainString(), "5000",
                l.add(tick).setScale(4).toPlainString(), "5000"));
    }

    private List<String> fatigue(String symbol) {
        JsonNode n = at.get(symbol);
        assertThat(n).as("%s scored at 00:01", symbol).isNotNull();
        List<String> out = new ArrayList<>();
        n.path("gates").path("fatigue").path("reasons").forEach(r -> out.add(r.asText()));
        return out;
    }

    @ParameterizedTest(name = "{0}: RSI(4h) {1} (r_24h > 12 %, acceleration < 2 pp) → fatigued {2}")
    @CsvSource({"RSIEQ/USD, 70, false", "RSIUP/USD, >70, true", "RSIDN/USD, <70, false"})
    void rsiExactlyOnAndOneUnitEitherSide(String symbol, String rsi, boolean fatigued) {
        JsonNode in = at.get(symbol).path("inputs");
        double v = in.path("rsi_4h").asDouble();
        if (rsi.startsWith(">")) assertThat(v).isGreaterThan(70);
        else if (rsi.startsWith("<")) assertThat(v).isLessThan(70);
        else assertThat(v).as("exactly on").isEqualTo(70.0);
        assertThat(in.path("returns").path("24h").asDouble()).isGreaterThan(0.12);
        assertThat(in.path("acceleration_4h").asDouble()).isLessThan(0.02);
        if (fatigued) assertThat(fatigue(symbol)).as("RSI %s", v).containsExactly("fatigued");
        else assertThat(fatigue(symbol)).as("RSI %s", v).isEmpty();
    }

    @ParameterizedTest(name = "{0}: acceleration {1} (r_24h > 12 %, RSI(4h) 100) → fatigued {2}")
    @CsvSource({"ACCEQ/USD, 0.02, false", "ACCUP/USD, >0.02, false", "ACCDN/USD, <0.02, true"})
    void accelerationExactlyOnAndOneUnitEitherSide(String symbol, String acc, boolean fatigued) {
        JsonNode in = at.get(symbol).path("inputs");
        double v = in.path("acceleration_4h").asDouble();
        if (acc.startsWith(">")) assertThat(v).isGreaterThan(0.02);
        else if (acc.startsWith("<")) assertThat(v).isLessThan(0.02);
        else assertThat(v).as("exactly on (to display precision)").isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(in.path("rsi_4h").asDouble()).isEqualTo(100.0);
        assertThat(in.path("returns").path("24h").asDouble()).isGreaterThan(0.12);
        if (fatigued) assertThat(fatigue(symbol)).as("acceleration %s", v).containsExactly("fatigued");
        else assertThat(fatigue(symbol)).as("acceleration %s", v).isEmpty();
    }
}
