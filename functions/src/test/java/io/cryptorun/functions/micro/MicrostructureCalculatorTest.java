package io.cryptorun.functions.micro;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.venue.kraken.KrakenBookIntegrity;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.BookSnapshot;
import io.cryptorun.sources.model.EventHeader;
import org.junit.jupiter.api.Test;

class MicrostructureCalculatorTest {
    static final long T = 1_700_000_000_000_000L;

    /** A book made valid the way the operator does it: a snapshot through the integrity rules. */
    static OrderBook book(int ps, int qs, String[][] bids, String[][] asks, long updateMicros) {
        OrderBook b = new OrderBook("kraken", "TST/USD");
        b.setPrecision(ps, qs);
        b.setDepth(25);
        long[][] bl = levels(bids, ps, qs);
        long[][] al = levels(asks, ps, qs);
        EventHeader h = new EventHeader("kraken", "TST/USD", updateMicros, updateMicros, "c1", 42);
        new KrakenBookIntegrity().apply(b, new BookSnapshot(h, ps, qs, bl[0], bl[1], al[0], al[1], BookSnapshot.NO_CHECKSUM));
        return b;
    }

    static long[][] levels(String[][] ls, int ps, int qs) {
        long[][] out = new long[2][ls.length];
        for (int i = 0; i < ls.length; i++) {
            out[0][i] = Decimal.parse(ls[i][0]).unscaledAt(ps);
            out[1][i] = Decimal.parse(ls[i][1]).unscaledAt(qs);
        }
        return out;
    }

    /**
     * By hand:
     * <pre>
     * bid 100.0, ask 101.0           mid = 201.0 / 2 = 100.50
     * spread = 1.0 / 100.50 x 10000 = 99.502487... -> 99.5025
     * bid band: price >= 100.50 x 0.98 = 98.49  -> 100.0 x 1 + 99.0 x 2     = 298.00  (97.0 out)
     * ask band: price <= 100.50 x 1.02 = 102.51 -> 101.0 x 1.5 + 102.0 x 1 = 253.50  (104.0 out)
     * total 551.50; imbalance = (298 - 253.5) / 551.5 = 44.5 / 551.5 = 0.080689... -> 0.0807
     * age: ts T+1s, last update T+0.25s -> 750 ms
     * </pre>
     */
    @Test
    void handComputedBook() {
        OrderBook b = book(1, 8,
                new String[][] {{"100.0", "1"}, {"99.0", "2"}, {"97.0", "5"}},
                new String[][] {{"101.0", "1.5"}, {"102.0", "1"}, {"104.0", "3"}}, T + 250_000);
        Microstructure m = MicrostructureCalculator.compute(b, T + 1_000_000);
        assertThat(m.venue()).isEqualTo("kraken");
        assertThat(m.symbol()).isEqualTo("TST/USD");
        assertThat(m.tsMicros()).isEqualTo(T + 1_000_000);
        assertThat(m.bid()).isEqualTo(Decimal.of(1000, 1));
        assertThat(m.ask()).isEqualTo(Decimal.of(1010, 1));
        assertThat(m.mid()).isEqualTo(Decimal.of(10050, 2));
        assertThat(m.spreadBps()).isEqualTo(Decimal.of(995025, 4));
        assertThat(m.depthBidUsd()).isEqualTo(Decimal.of(29800, 2));
        assertThat(m.depthAskUsd()).isEqualTo(Decimal.of(25350, 2));
        assertThat(m.depthTotalUsd()).isEqualTo(Decimal.of(55150, 2));
        assertThat(m.imbalance()).isEqualTo(Decimal.of(807, 4));
        assertThat(m.bookAgeMs()).isEqualTo(750);
        assertThat(m.valid()).isTrue();
        assertThat(m.conn()).isEqualTo("c1");
        assertThat(m.frameOrdinal()).isEqualTo(42);
        assertThat(m.toString()).contains("spreadBps=99.5025", "depthTotalUsd=551.50", "imbalance=0.0807");
    }

    /**
     * Levels exactly on the band edges count; one tick beyond does not:
     * <pre>
     * bid 100.00, ask 101.00: mid 100.500, edges 98.49 and 102.51
     * bids 100.00 x 1 + 98.49 x 1 = 198.49 (98.48 out); asks 101.00 x 1 + 102.51 x 1 = 203.51 (102.52 out)
     * imbalance (198.49 - 203.51) / 402.00 = -5.02 / 402 = -0.012487... -> -0.0125
     * </pre>
     */
    @Test
    void bandEdgesAreInclusiveAndExact() {
        OrderBook b = book(2, 0,
                new String[][] {{"100.00", "1"}, {"98.49", "1"}, {"98.48", "1000"}},
                new String[][] {{"101.00", "1"}, {"102.51", "1"}, {"102.52", "1000"}}, T);
        Microstructure m = MicrostructureCalculator.compute(b, T);
        assertThat(m.mid()).isEqualTo(Decimal.of(100500, 3));
        assertThat(m.depthBidUsd()).isEqualTo(Decimal.of(19849, 2));
        assertThat(m.depthAskUsd()).isEqualTo(Decimal.of(20351, 2));
        assertThat(m.depthTotalUsd()).isEqualTo(Decimal.of(40200, 2));
        assertThat(m.imbalance()).isEqualTo(Decimal.of(-125, 4));
        assertThat(m.bookAgeMs()).isZero();
    }

    /**
     * Ties round half-even:
     * <pre>
     * bid 639999, ask 640001 (scale 0): spread = 2 / 640000 x 10000 = 0.03125 -> 0.0312 (half-up would say 0.0313)
     * mid = 1280000 / 2 = 640000.0
     * depth bid 639999 x 0.125 = 79999.875 -> 79999.88; ask 640001 x 0.125 = 80000.125 -> 80000.12
     * total 160000.000 -> 160000.00; imbalance -0.25 / 160000 = -0.0000015625 -> -0.0000
     * </pre>
     */
    @Test
    void roundingIsHalfEven() {
        OrderBook b = book(0, 3, new String[][] {{"639999", "0.125"}}, new String[][] {{"640001", "0.125"}}, T);
        Microstructure m = MicrostructureCalculator.compute(b, T);
        assertThat(m.spreadBps()).isEqualTo(Decimal.of(312, 4));
        assertThat(m.mid()).isEqualTo(Decimal.of(6400000, 1));
        // depth is not rounded: 639999 × 0.125 = 79999.875 exactly (the gate decides on it)
        assertThat(m.depthBidUsd()).isEqualTo(Decimal.of(79999875, 3));
        assertThat(m.depthAskUsd()).isEqualTo(Decimal.of(80000125, 3));
        assertThat(m.depthTotalUsd()).isEqualTo(Decimal.of(16000000, 2));
        assertThat(m.imbalance()).isEqualTo(Decimal.of(0, 4));
    }

    /** Kraken's own checksum example book: hand arithmetic in the comment, exact decimals in the assertions. */
    @Test
    void krakenGuideBook() {
        // mid = (45283.5 + 45285.2) / 2 = 45284.35; every level lies within 44378.663 .. 46190.037
        // spread = 1.7 / 45284.35 x 10000 = 0.375405... -> 0.3754
        // bid depth = 45283.5x0.1 + 45283.4x1.54582015 + 45282.1x0.1 + 45281.0x0.1 + 45280.3x1.54592586
        //           + 45279.0x0.0799 + 45277.6x0.03310103 + 45277.5x0.3 + 45277.3x1.54602737 + 45276.6x0.15445238
        //           = 250955.17... (sum of the products below, exact)
        String[][] asks = {
            {"45285.2", "0.00100000"}, {"45286.4", "1.54571953"}, {"45286.6", "1.54571109"}, {"45289.6", "1.54560911"},
            {"45290.2", "0.15890660"}, {"45291.8", "1.54553491"}, {"45294.7", "0.04454749"}, {"45296.1", "0.35380000"},
            {"45297.5", "0.09945542"}, {"45299.5", "0.18772827"},
        };
        String[][] bids = {
            {"45283.5", "0.10000000"}, {"45283.4", "1.54582015"}, {"45282.1", "0.10000000"}, {"45281.0", "0.10000000"},
            {"45280.3", "1.54592586"}, {"45279.0", "0.07990000"}, {"45277.6", "0.03310103"}, {"45277.5", "0.30000000"},
            {"45277.3", "1.54602737"}, {"45276.6", "0.15445238"},
        };
        Microstructure m = MicrostructureCalculator.compute(book(1, 8, bids, asks, T), T);
        java.math.BigDecimal bid = java.math.BigDecimal.ZERO;
        for (String[] l : bids) bid = bid.add(new java.math.BigDecimal(l[0]).multiply(new java.math.BigDecimal(l[1])));
        java.math.BigDecimal ask = java.math.BigDecimal.ZERO;
        for (String[] l : asks) ask = ask.add(new java.math.BigDecimal(l[0]).multiply(new java.math.BigDecimal(l[1])));
        assertThat(m.mid()).isEqualTo(Decimal.of(4528435, 2));
        assertThat(m.spreadBps()).isEqualTo(Decimal.of(3754, 4));
        // scale 1 + 8 = 9 decimals: floored to 8 (the depth gate's exactness holds for thresholds with ≤ 8)
        assertThat(m.depthBidUsd().toBigDecimal()).isEqualByComparingTo(bid.setScale(8, java.math.RoundingMode.FLOOR));
        assertThat(m.depthAskUsd().toBigDecimal()).isEqualByComparingTo(ask.setScale(8, java.math.RoundingMode.FLOOR));
    }

    @Test
    void oneSidedBookIsNotValidAndHasNoPrices() {
        OrderBook b = book(1, 8, new String[][] {{"100.0", "1"}}, new String[0][], T);
        Microstructure m = MicrostructureCalculator.compute(b, T + 2_000_000);
        assertThat(m.valid()).isFalse();
        assertThat(m.bid()).isNull();
        assertThat(m.mid()).isNull();
        assertThat(m.depthTotalUsd()).isNull();
        assertThat(m.bookAgeMs()).isEqualTo(2000);
    }

    @Test
    void invalidatedBookComputesButIsNotValid() {
        OrderBook b = book(1, 8, new String[][] {{"100.0", "1"}}, new String[][] {{"101.0", "1"}}, T);
        b.invalidate();
        Microstructure m = MicrostructureCalculator.compute(b, T);
        assertThat(m.valid()).isFalse();
        assertThat(m.mid()).isEqualTo(Decimal.of(10050, 2));
    }

    @Test
    void neverUpdatedBookHasAgeMinusOne() {
        OrderBook b = new OrderBook("kraken", "X/USD");
        assertThat(MicrostructureCalculator.compute(b, T).bookAgeMs()).isEqualTo(-1);
    }

    /** Small prices with fine quantities: the products overflow a long but depth stays exact. */
    @Test
    void depthBeyondLongRange() {
        // price 0.000012345678 (scale 12) x qty 9000000000.12345678 (scale 8): product scale 20
        OrderBook b = book(12, 8, new String[][] {{"0.000012345678", "9000000000.12345678"}},
                new String[][] {{"0.000012345679", "1"}}, T);
        Microstructure m = MicrostructureCalculator.compute(b, T);
        // 0.000012345678 x 9000000000.12345678 = 111111.10200152...: floored to 8 decimals
        assertThat(m.depthBidUsd()).isEqualTo(Decimal.of(11111110200152L, 8));
        assertThat(m.mid()).isEqualTo(Decimal.of(123456785, 13));
    }

    @Test
    void atMovesTimeAndAgeOnly() {
        OrderBook b = book(1, 8, new String[][] {{"100.0", "1"}}, new String[][] {{"101.0", "1"}}, T + 250_000);
        Microstructure m = MicrostructureCalculator.compute(b, T + 1_000_000);
        assertThat(m.at(T + 3_000_000)).isEqualTo(MicrostructureCalculator.compute(b, T + 3_000_000));
    }
}
