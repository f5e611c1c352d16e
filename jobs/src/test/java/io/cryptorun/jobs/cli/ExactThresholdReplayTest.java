package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.cli.ThresholdReplayFixture.Book;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, at replay level: hand-written Kraken frames and 1h history, each symbol built to sit
 * exactly on one SPEC threshold or one unit of its input's own precision either side, replayed
 * through the real job on a MiniCluster. The verdicts are read from {@code scores.jsonl} at the
 * first scan tick (00:01), the bars and regime votes from {@code bars.jsonl} / {@code regime.jsonl}.
 *
 * <ul>
 *   <li>spread: 39.9000 / 40.1000 is exactly 50 bps (blocked: strict), ask ± 0.0001 either side;
 *       the issue's book 49.8950 / 50.1451 is 49.99995 bps and must pass;</li>
 *   <li>depth ±2 %: exactly $99,999.995 (blocked), $100,000.000 and $100,000.005 (pass);</li>
 *   <li>drift: ATR(1h) exactly 1, signal close 100, mid 101.2000 (pass), 101.2010 (blocked),
 *       101.1990 (pass);</li>
 *   <li>fatigue: RSI(4h) 100, acceleration &lt; 2 pp, r_24h exactly 12 % (not fatigued),
 *       12.01 % (fatigued), 11.99 % (not);</li>
 *   <li>end of input: the input ends at 01:02:30, so the 01:02 minute, the 01:00 hour, the 00:00
 *       4h bar and the day are open: never emitted, no regime vote at 04:00;</li>
 *   <li>quiet hour: QUT/USD's last history hour rose 5 %, then no trade from 00:00 to 01:02:
 *       at 01:01 its r_1h is 0 (the close carried forward), not the 23:00–00:00 return.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactThresholdReplayTest {
    static final long T0 = ThresholdReplayFixture.T0;
    static final long S = ThresholdReplayFixture.S;
    static final long MIN = ThresholdReplayFixture.MIN;
    static final long H = ThresholdReplayFixture.H;
    static final long END = T0 + 62 * MIN + 30 * S;

    final ThresholdReplayFixture fx = new ThresholdReplayFixture(END);
    Map<String, JsonNode> atFirstTick;
    Map<String, JsonNode> afterQuietHour;
    List<JsonNode> bars;
    List<JsonNode> regime;

    @BeforeAll
    void replay(@TempDir Path tmp) throws Exception {
        // spread (price precision 4)
        fx.flat("SEQ/USD", 40, 0.5, new Book("SEQ/USD", 4, 8, "39.9000", "5000", "40.1000", "5000"));
        fx.flat("SUP/USD", 40, 0.5, new Book("SUP/USD", 4, 8, "39.9000", "5000", "40.1001", "5000"));
        fx.flat("SDN/USD", 40, 0.5, new Book("SDN/USD", 4, 8, "39.9000", "5000", "40.0999", "5000"));
        fx.flat("SIS/USD", 50, 0.5, new Book("SIS/USD", 4, 8, "49.8950", "5000", "50.1451", "5000"));
        // depth: bid 100.00 × q + ask 100.01 × 400 (= 40,004)
        fx.flat("DIS/USD", 100, 0.5, new Book("DIS/USD", 2, 8, "100.00", "599.95995", "100.01", "400"));
        fx.flat("DEQ/USD", 100, 0.5, new Book("DEQ/USD", 2, 8, "100.00", "599.96", "100.01", "400"));
        fx.flat("DUP/USD", 100, 0.5, new Book("DUP/USD", 2, 8, "100.00", "599.96005", "100.01", "400"));
        // drift: history close 100 with high − low = 1 ⇒ ATR(14) exactly 1; mid = (bid + ask) / 2
        fx.flat("REQ/USD", 100, 0.5, new Book("REQ/USD", 3, 8, "101.190", "5000", "101.210", "5000"));
        fx.flat("RUP/USD", 100, 0.5, new Book("RUP/USD", 3, 8, "101.190", "5000", "101.212", "5000"));
        fx.flat("RDN/USD", 100, 0.5, new Book("RDN/USD", 3, 8, "101.190", "5000", "101.208", "5000"));
        // fatigue: +0.5 an hour, close 24 h before 00:00 is 100, last close 112 (± 0.01)
        fx.rising("FEQ/USD", 112.00);
        fx.rising("FUP/USD", 112.01);
        fx.rising("FDN/USD", 111.99);
        // quiet: flat at 100, the last history hour closes at 105, then no trades
        double[] q = new double[ThresholdReplayFixture.HISTORY_HOURS];
        java.util.Arrays.fill(q, 100);
        q[q.length - 1] = 105;
        fx.closes("QUT/USD", q, 0.5);
        fx.books.add(new Book("QUT/USD", 2, 8, "104.99", "5000", "105.01", "5000"));

        fx.replay(tmp);
        atFirstTick = fx.at(T0 + MIN);
        afterQuietHour = fx.at(T0 + 61 * MIN);
        bars = fx.bars;
        regime = fx.regime;
    }

    private List<String> reasons(String symbol, String gate) {
        JsonNode n = atFirstTick.get(symbol);
        assertThat(n).as("%s scored at 00:01", symbol).isNotNull();
        List<String> out = new ArrayList<>();
        n.path("gates").path(gate).path("reasons").forEach(r -> out.add(r.asText()));
        return out;
    }

    @Test
    void spreadExactlyOnAndOneTickEitherSide() {
        assertThat(reasons("SEQ/USD", "microstructure")).as("exactly 50 bps: strict").contains("spread_too_wide");
        assertThat(reasons("SUP/USD", "microstructure")).contains("spread_too_wide");
        assertThat(reasons("SDN/USD", "microstructure")).doesNotContain("spread_too_wide");
    }

    /** Defect 1: 49.99995 bps was rounded to 50.0000 and blocked. */
    @Test
    void spreadOfTheIssueBookPasses() {
        assertThat(reasons("SIS/USD", "microstructure")).doesNotContain("spread_too_wide");
    }

    /** Defect 2: $99,999.995 was rounded to 100,000.00 and passed. */
    @Test
    void depthExactlyOnAndEitherSide() {
        assertThat(reasons("DIS/USD", "microstructure")).contains("depth_too_thin");
        assertThat(reasons("DEQ/USD", "microstructure")).doesNotContain("depth_too_thin");
        assertThat(reasons("DUP/USD", "microstructure")).doesNotContain("depth_too_thin");
        assertThat(atFirstTick.get("DIS/USD").path("inputs").path("depth_usd").decimalValue())
                .as("shown exactly, so a reader can re-check").isEqualByComparingTo("99999.995");
    }

    /** Defect 3: drift exactly 1.2 × ATR was 1.2000000000000028 in floating point and blocked. */
    @Test
    void driftExactlyOnAndOneUnitEitherSide() {
        assertThat(atFirstTick.get("REQ/USD").path("inputs").path("atr_1h").asDouble()).isEqualTo(1.0);
        assertThat(reasons("REQ/USD", "freshness")).isEmpty();
        assertThat(reasons("RUP/USD", "freshness")).containsExactly("price_drift_exceeds_atr");
        assertThat(reasons("RDN/USD", "freshness")).isEmpty();
    }

    /** Defect 4: r_24h of exactly 12 % is not "> 12 %". */
    @Test
    void fatigueReturnExactlyOnAndOneUnitEitherSide() {
        assertThat(atFirstTick.get("FEQ/USD").path("inputs").path("rsi_4h").asDouble()).isGreaterThan(70);
        assertThat(atFirstTick.get("FEQ/USD").path("inputs").path("acceleration_4h").asDouble()).isLessThan(0.02);
        assertThat(reasons("FEQ/USD", "fatigue")).isEmpty();
        assertThat(reasons("FUP/USD", "fatigue")).containsExactly("fatigued");
        assertThat(reasons("FDN/USD", "fatigue")).isEmpty();
    }

    /** Defect 5: the bars open when the input ends are not emitted, and the regime does not vote on them. */
    @Test
    void openBarsAtEndOfInputAreNeverClosed() {
        for (JsonNode b : bars) {
            long open = b.path("ts").asLong();
            long len = switch (b.path("interval").asText()) {
                case "1m" -> MIN;
                case "1h" -> H;
                case "4h" -> 4 * H;
                case "1d" -> 24 * H;
                default -> throw new AssertionError(b);
            };
            assertThat(open + len).as("bar %s", b).isLessThanOrEqualTo(END);
        }
        assertThat(bars).anySatisfy(b -> assertThat(b.path("interval").asText()).isEqualTo("1h"))
                .anySatisfy(b -> assertThat(b.path("ts").asLong()).isEqualTo(T0 + 61 * MIN)); // 01:01 minute closed
        assertThat(regime).isNotEmpty().allSatisfy(s -> assertThat(s.path("ts").asLong()).isLessThanOrEqualTo(END));
    }

    /** Defect 6: an hour without trades carries the close forward; r_1h counts hours, not bars. */
    @Test
    void quietHourReturnIsOnTheClock() {
        assertThat(atFirstTick.get("QUT/USD").path("inputs").path("returns").path("1h").asDouble())
                .as("00:01: the 23:00–00:00 hour").isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        JsonNode later = afterQuietHour.get("QUT/USD");
        assertThat(later).as("QUT/USD scored at 01:01").isNotNull();
        assertThat(later.path("inputs").path("returns").path("1h").asDouble()).as("01:01: the quiet 00:00–01:00 hour")
                .isEqualTo(0.0);
        assertThat(later.path("inputs").path("returns").path("24h").asDouble()).isCloseTo(0.05,
                org.assertj.core.data.Offset.offset(1e-12));
    }
}
