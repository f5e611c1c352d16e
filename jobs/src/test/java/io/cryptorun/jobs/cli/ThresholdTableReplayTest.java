package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.cli.ThresholdReplayFixture.Book;
import io.cryptorun.jobs.cli.ThresholdReplayFixture.HistoryBar;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, table-driven at replay level (sibling of {@link ExactThresholdReplayTest}, same
 * {@link ThresholdReplayFixture}): the VADR tier minimums, the ADV tier floors and the $100k ADV
 * eligibility, each exactly on its threshold and one unit of the input's own precision either side (a
 * history price 0.0001, a history volume 0.00000001), fed as 1h history and Kraken
 * frames through the real replay; verdicts read from {@code scores.jsonl} at the 00:01 tick.
 *
 * <p>Construction (every history bar: open = close = 256, high/low = 256 ± range/2, vwap 256, so
 * (H − L)/C is the range / 256 and ADV = 256 × the last 24 volumes): 48 older bars of range a = 1
 * with volumes summing to L, then 24 bars of range b with volumes summing to S. Then
 * {@code VADR = b(L + S)/(aL + bS)}, exactly m when {@code L/S = b(m − 1)/(b − m·a)}: b = 2.25 for 1.85 and
 * 1.80, 3.5 for 1.75, each half-range a multiple of 1/8 so every weighted range and sum is binary-exact.
 * One short bar's low 0.0001 lower (higher) raises (lowers) VADR. VADR and ADV are floating-point
 * running sums (error bounds in docs/GATES.md); here every product and sum is binary-exact except
 * the final two divisions, and the construction is checked to give exactly the double nearest m in the
 * job's arithmetic ({@link #doubleVadr}), so "on" is on (scores.jsonl shows VADR to 10 digits only).
 * Flipping {@code ≥} to {@code >} in {@code VadrTiers} (tier floors or VADR minimum) or in
 * {@code Universe} (ADV eligibility) fails the *EQ rows: checked once.
 *
 * <p>Not here: breadth ({@link BreadthReplayTest}), RSI and acceleration ({@link FatigueReplayTest}),
 * score/bands/cooldown ({@link ScoreBandReplayTest}), thrust ({@link ThrustReplayTest}), paper exits
 * ({@link PaperExitReplayTest}); rv (a square root of logs) is bounded in docs/GATES.md and pinned at
 * unit level, signal-bar age and late fill likewise — see the table in docs/GATES.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThresholdTableReplayTest {
    static final long T0 = ThresholdReplayFixture.T0;
    static final String C = "256";

    final ThresholdReplayFixture fx = new ThresholdReplayFixture(T0 + 2 * ThresholdReplayFixture.MIN);
    Map<String, JsonNode> at;

    @BeforeAll
    void replay(@TempDir Path tmp) throws Exception {
        fx.flat("SIS/USD", 50, 0.5, new Book("SIS/USD", 4, 8, "49.8950", "5000", "50.1451", "5000")); // the trades' symbol
        // VADR exactly on each tier minimum (ADV inside the tier), and one price unit either side
        for (String[] t : new String[][] {
                {"VL", "1.85", "2.25", "2500", "2031.25", "1000", "2000"}, // L = 119,531.25 = 4.78125·S, S = 25,000: ADV $6.4M (large)
                {"VM", "1.80", "2.25", "800", "2400", "400", "800"}, // L = 40,000 = 4·S, S = 10,000: ADV $2.56M (mid)
                {"VS", "1.75", "3.5", "30", "90", "40", "80"}}) { // L = 1,500 = 1.5·S, S = 1,000: ADV $256k (small)
            assertThat(doubleVadr(t[2], t[3], t[4], t[5], t[6])).as("construction: the job's double arithmetic gives the double nearest %s", t[1])
                    .isEqualTo(Double.parseDouble(t[1]));
            vadr(t[0] + "EQ/USD", t[3], t[4], t[2], t[5], t[6], "0");
            vadr(t[0] + "UP/USD", t[3], t[4], t[2], t[5], t[6], "0.0001");
            vadr(t[0] + "DN/USD", t[3], t[4], t[2], t[5], t[6], "-0.0001");
        }
        // ADV exactly on each tier floor and one volume unit (1e-8) either side; VADR between the two tiers' minimums
        adv("A5", "600", "3050", "3.65", "800", "1131.25"); // S = 19,531.25: ADV $5M; VADR 9.49/5.25 ≈ 1.8076
        adv("A1", "100", "1159.375", "3.55", "150", "456.25"); // S = 3,906.25: ADV $1M; VADR 8.875/5.05 ≈ 1.7574
        adv("AK", "10", "115.9375", "4", "15", "45.625"); // S = 390.625: ADV $100k; VADR 10/5.5 ≈ 1.818
        // ≥ 20 VADR bars: 19, 20, 21 hours of history (VADR then exactly 1: below every tier)
        for (int n : new int[] {19, 20, 21}) {
            HistoryBar[] h = new HistoryBar[ThresholdReplayFixture.HISTORY_HOURS];
            for (int k = h.length - n; k < h.length; k++) h[k] = bar("2", "1000", "0");
            put("B" + n + "/USD", h);
        }
        fx.replay(tmp);
        at = fx.at(T0 + ThresholdReplayFixture.MIN);
    }

    /**
     * VADR of the construction in the job's double arithmetic ({@code Vadr.value()}: (ΣwR/ΣV)/(ΣwR/ΣV), each
     * bar's wR = (H − L)/C × V): every weighted range and sum is binary-exact here (ranges and
     * halves are multiples of 1/8, C = 256), so only the two divisions round.
     */
    private static double doubleVadr(String b, String longVol, String longVolFirst, String shortVol, String shortVolLast) {
        double l = 47 * Double.parseDouble(longVol) + Double.parseDouble(longVolFirst);
        double s = 23 * Double.parseDouble(shortVol) + Double.parseDouble(shortVolLast);
        double bw = Double.parseDouble(b) / 256;
        double longRange = 1.0 / 256 * l + bw * s;
        return (bw * s / s) / (longRange / (l + s));
    }

    /** 48 bars of range 1 (volumes 47 × longVol + longVolFirst), 24 of range b (23 × shortVol + shortVolLast); the last bar's low shifted down by {@code lowDown}. */
    private void vadr(String symbol, String longVol, String longVolFirst, String b, String shortVol, String shortVolLast,
            String lowDown) {
        HistoryBar[] h = new HistoryBar[ThresholdReplayFixture.HISTORY_HOURS];
        for (int k = 0; k < 48; k++) h[k] = bar("1", k == 0 ? longVolFirst : longVol, "0");
        for (int k = 48; k < 72; k++) h[k] = bar(b, k == 71 ? shortVolLast : shortVol, k == 71 ? lowDown : "0");
        put(symbol, h);
    }

    /** The ADV-floor triple: the last volume exactly, one unit (1e-8) under and over. */
    private void adv(String prefix, String longVol, String longVolFirst, String b, String shortVol, String shortVolLast) {
        BigDecimal last = new BigDecimal(shortVolLast);
        BigDecimal unit = new BigDecimal("0.00000001");
        vadr(prefix + "EQ/USD", longVol, longVolFirst, b, shortVol, last.toPlainString(), "0");
        vadr(prefix + "DN/USD", longVol, longVolFirst, b, shortVol, last.subtract(unit).toPlainString(), "0");
        vadr(prefix + "UP/USD", longVol, longVolFirst, b, shortVol, last.add(unit).toPlainString(), "0");
    }

    private static HistoryBar bar(String range, String volume, String lowDown) {
        BigDecimal half = new BigDecimal(range).divide(BigDecimal.valueOf(2));
        BigDecimal c = new BigDecimal(C);
        return new HistoryBar(C, c.add(half).toPlainString(), c.subtract(half).subtract(new BigDecimal(lowDown)).toPlainString(),
                C, volume, C);
    }

    private void put(String symbol, HistoryBar[] h) {
        fx.history.put(symbol, h);
        fx.books.add(new Book(symbol, 2, 8, "255.99", "5000", "256.01", "5000"));
    }

    private List<String> reasons(String symbol) {
        JsonNode n = at.get(symbol);
        assertThat(n).as("%s scored at 00:01", symbol).isNotNull();
        List<String> out = new ArrayList<>();
        n.path("gates").path("microstructure").path("reasons").forEach(r -> out.add(r.asText()));
        return out;
    }

    @ParameterizedTest(name = "{0}: VADR {1} at ADV {2} → blocked {3}")
    @CsvSource({
            "VLEQ/USD, 1.85, 6400000, false", "VLUP/USD, >1.85, 6400000, false", "VLDN/USD, <1.85, 6400000, true",
            "VMEQ/USD, 1.80, 2560000, false", "VMUP/USD, >1.80, 2560000, false", "VMDN/USD, <1.80, 2560000, true",
            "VSEQ/USD, 1.75, 256000, false", "VSUP/USD, >1.75, 256000, false", "VSDN/USD, <1.75, 256000, true"})
    void vadrTierMinimum(String symbol, String vadr, String adv, boolean blocked) {
        JsonNode in = at.get(symbol).path("inputs");
        assertThat(in.path("adv_24h").decimalValue()).isEqualByComparingTo(adv);
        double v = in.path("vadr").asDouble();
        if (vadr.startsWith(">")) assertThat(v).isGreaterThan(Double.parseDouble(vadr.substring(1)));
        else if (vadr.startsWith("<")) assertThat(v).isLessThan(Double.parseDouble(vadr.substring(1)));
        else assertThat(v).as("exactly on: the double nearest %s", vadr).isEqualTo(Double.parseDouble(vadr));
        assertThat(in.path("vadr_bars").asInt()).isEqualTo(24);
        if (blocked) assertThat(reasons(symbol)).as("VADR %s", v).contains("vadr_below_tier");
        else assertThat(reasons(symbol)).as("VADR %s", v).doesNotContain("vadr_below_tier");
    }

    @ParameterizedTest(name = "{0}: ADV {1} → VADR blocked {2}")
    @CsvSource({
            "A5EQ/USD, 5000000, true", "A5DN/USD, 4999999.9999974, false", "A5UP/USD, 5000000.0000026, true",
            "A1EQ/USD, 1000000, true", "A1DN/USD, 999999.9999974, false", "A1UP/USD, 1000000.0000026, true",
            "AKEQ/USD, 100000, false", "AKUP/USD, 100000.0000026, false"})
    void advTierFloor(String symbol, String adv, boolean blocked) {
        JsonNode in = at.get(symbol).path("inputs");
        assertThat(in.path("adv_24h").asDouble()).as("adv_24h is shown rounded (display)")
                .isCloseTo(Double.parseDouble(adv), org.assertj.core.data.Offset.offset(1e-5));
        if (blocked) assertThat(reasons(symbol)).as("VADR %s", in.path("vadr")).contains("vadr_below_tier");
        else assertThat(reasons(symbol)).as("VADR %s", in.path("vadr")).doesNotContain("vadr_below_tier", "adv_ineligible");
    }

    /** ADV one unit under $100k: out of the universe (SPEC §4/§5, {@code universe.min_adv_usd}), so never scored. */
    @org.junit.jupiter.api.Test
    void advUnderTheEligibilityFloorIsNotScored() {
        assertThat(at).containsKey("AKEQ/USD").doesNotContainKey("AKDN/USD");
    }

    /**
     * "≥ 20 VADR bars" cannot bind in the job: the 24h ADV is undefined (NaN, {@code adv_unknown},
     * not scored) until 24 hours are there, and quiet hours are carried bars, so every scored asset
     * has 24 VADR bars. 19, 20 and 21 hours of history: none scored; the rule itself is table-tested
     * in {@code GateEvaluatorTest} and {@code VadrTest.specWindowsNeedTwentyBars}.
     */
    @org.junit.jupiter.api.Test
    void twentyBarsRuleIsMootForAScoredAsset() {
        assertThat(at).doesNotContainKeys("B19/USD", "B20/USD", "B21/USD");
        assertThat(at.values()).isNotEmpty().allSatisfy(n -> assertThat(n.path("inputs").path("vadr_bars").asInt()).isEqualTo(24));
    }
}
