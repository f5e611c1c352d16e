package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.functions.indicators.RealizedVol;
import io.cryptorun.jobs.cli.ThresholdReplayFixture.Book;
import io.cryptorun.sources.decimal.Decimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, the regime's realized-vol cut-offs at replay level (same {@link ThresholdReplayFixture}):
 * {@code regime.realized_vol_high_vol} (rv ≥ it → HIGH_VOL vote) and
 * {@code regime.breadth_high_vol_min_rv} (breadth ≤ 0.40 and rv ≥ it → HIGH_VOL breadth vote).
 *
 * <p>rv is {@code sqrt(8760)·σ} of 1h log returns: its double X is not built to be a short decimal.
 * But for about one history in nine the decimal D = X rounded to 15 significant digits (what a config
 * value may carry) parses back to X exactly. So the test writes a family of BTC/USD histories —
 * {@value #HOURS} hours alternating 100 / 101 (rv ≈ 0.93), one hour that is not a 4h close set to
 * 100 + 0.0001·j instead of 100 — computes each one's X with the product's {@link RealizedVol} over the
 * closes as the job reads them, and keeps the first j for which X round-trips through D. Only the pick
 * uses that arithmetic; the verdicts come from three replays of that history with both cut-offs set by
 * config to the same value:
 *
 * <pre>
 * run  both cut-offs   → realized_vol vote   breadth vote (breadth 0/2 ≤ 0.40)
 * X    D               HIGH_VOL (on)        HIGH_VOL (on)
 * Y    D + 1e−15       CHOPPY               CHOPPY
 * Z    D − 1e−15       HIGH_VOL             HIGH_VOL
 * </pre>
 * Each run also checks the job's {@code realized_vol_7d} at the T0 vote against X: regime.jsonl writes
 * 10 significant digits, so the file shows X to 10 digits and the votes pin the job's double to
 * [D, D + 1e−15) — about nine ulps; that it is X itself, on the threshold, is what the on rows add:
 * flipping {@code ≥} to {@code >} in either rv comparison of {@code RegimeVote} fails that rule's X row
 * (checked once by hand).
 *
 * <p>Breadth at T0 is 0: SIS/USD is flat and BTC/USD's 4h closes (the odd hours, all 101) equal their
 * MA20, so neither is above it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealizedVolReplayTest {
    static final long T0 = ThresholdReplayFixture.T0;
    static final int HOURS = 176; // 44 4h bars: MA20 warm; 175 returns, so the 168-return window has slid
    static final int VARIED = HOURS - 3; // an even hour (close 100), not a 4h close (those are the odd ones)
    static final MathContext DIGITS_15 = new MathContext(15, RoundingMode.HALF_EVEN);
    static final MathContext DIGITS_10 = new MathContext(10, RoundingMode.HALF_EVEN);

    double[] closes; // BTC/USD's picked history
    double x; // the rv the pick computes for it
    BigDecimal d; // x to 15 significant digits; Double.parseDouble(d) == x
    final Map<String, JsonNode> atT0 = new LinkedHashMap<>();

    @BeforeAll
    void replay(@TempDir Path tmp) throws Exception {
        pick();
        BigDecimal unit = d.ulp(); // one unit of the 15th significant digit
        assertThat(unit).isEqualByComparingTo("1e-15"); // rv in [0.1, 1): the rows' names say so
        assertThat(Double.parseDouble(d.add(unit).toPlainString())).isGreaterThan(x);
        assertThat(Double.parseDouble(d.subtract(unit).toPlainString())).isLessThan(x);
        run(tmp, "X", d);
        run(tmp, "Y", d.add(unit));
        run(tmp, "Z", d.subtract(unit));
    }

    /** The first history of the family whose rv double is the double of a 15-digit decimal. */
    private void pick() {
        for (int j = 1; j <= 200; j++) {
            String[] text = new String[HOURS];
            for (int k = 0; k < HOURS; k++) text[k] = k % 2 == 0 ? "100" : "101";
            text[VARIED] = new BigDecimal("100").add(new BigDecimal("0.0001").multiply(BigDecimal.valueOf(j))).toPlainString();
            RealizedVol rv = new RealizedVol();
            double[] c = new double[HOURS];
            for (int k = 0; k < HOURS; k++) {
                c[k] = Decimal.parse(text[k]).toDouble(); // the history decoder's exact decimal, as the bar's double
                rv.update(c[k]);
            }
            double v = rv.value();
            BigDecimal r = new BigDecimal(v).round(DIGITS_15);
            if (Double.parseDouble(r.toPlainString()) == v) {
                closes = c;
                x = v;
                d = r;
                return;
            }
        }
        throw new AssertionError("no history of the family has an rv on a 15-digit decimal");
    }

    private void run(Path tmp, String name, BigDecimal cutOff) throws Exception {
        ThresholdReplayFixture fx = new ThresholdReplayFixture(T0 + 2 * ThresholdReplayFixture.MIN, HOURS);
        fx.flat("SIS/USD", 50, 0.5, new Book("SIS/USD", 4, 8, "49.8950", "5000", "50.1451", "5000")); // the trades' symbol
        fx.closes("BTC/USD", closes, 0.5);
        fx.books.add(new Book("BTC/USD", 2, 8, "100.99", "5000", "101.01", "5000"));
        String v = cutOff.toPlainString();
        fx.thresholdsYaml = "thresholds:\n  regime:\n    realized_vol_high_vol: " + v
                + "\n    breadth_high_vol_min_rv: " + v + "\n";
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        fx.replay(dir);
        for (JsonNode s : fx.regime) {
            if (s.path("ts").asLong() == T0) atT0.put(name, s);
        }
    }

    private JsonNode atT0(String run) {
        JsonNode s = atT0.get(run);
        assertThat(s).as("run %s: a regime vote at the 4h close T0", run).isNotNull();
        // the job's rv is the picked history's x, as regime.jsonl writes it (10 significant digits)
        assertThat(s.path("realized_vol_7d").decimalValue()).as("%s; x = %s", s, d)
                .isEqualByComparingTo(new BigDecimal(x).round(DIGITS_10));
        return s;
    }

    @ParameterizedTest(name = "run {0}: realized_vol_high_vol {1} → rv vote {2}")
    @CsvSource({"X, D, HIGH_VOL", "Y, D + 1e-15, CHOPPY", "Z, D - 1e-15, HIGH_VOL"})
    void realizedVolHighVolExactlyOnAndOneUnitEitherSide(String run, String cutOff, String vote) {
        JsonNode s = atT0(run);
        assertThat(s.path("votes").path("realized_vol").asText()).as("cut-off %s, D = %s: %s", cutOff, d, s).isEqualTo(vote);
    }

    @ParameterizedTest(name = "run {0}: breadth_high_vol_min_rv {1}, breadth 0 → breadth vote {2}")
    @CsvSource({"X, D, HIGH_VOL", "Y, D + 1e-15, CHOPPY", "Z, D - 1e-15, HIGH_VOL"})
    void breadthHighVolMinRvExactlyOnAndOneUnitEitherSide(String run, String cutOff, String vote) {
        JsonNode s = atT0(run);
        assertThat(s.path("breadth").decimalValue()).as("%s", s).isEqualByComparingTo("0");
        assertThat(s.path("votes").path("breadth").asText()).as("cut-off %s, D = %s: %s", cutOff, d, s).isEqualTo(vote);
    }
}
