package io.cryptorun.functions.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.Bar;
import org.junit.jupiter.api.Test;

class BarAggregatorTest {
    /** 2023-11-14T00:00:00Z, a UTC day boundary. */
    static final long D = 1_699_920_000_000_000L;
    static final long S = 1_000_000L;

    static Decimal d(String s) {
        return Decimal.parse(s);
    }

    /**
     * By hand:
     * <pre>
     * 100.0 x 1.0 @10s, 102.5 x 2 @20s, 99.75 x 0.5 @50s
     * O 100.0  H 102.5  L 99.75  C 99.75  V 3.5  trades 3
     * notional 100.00 + 205.0 + 49.875 = 354.875; vwap 354.875 / 3.5 = 101.392857142... ;
     * price scale 2 (99.75) + 4 = 6 decimals -> 101.392857
     * </pre>
     */
    @Test
    void minuteFromTrades() {
        BarAggregator a = new BarAggregator(D);
        a.addTrade(D + 10 * S, d("100.0"), d("1.0"));
        a.addTrade(D + 20 * S, d("102.5"), d("2"));
        a.addTrade(D + 50 * S, d("99.75"), d("0.5"));
        Bar b = a.toBar("kraken", "BTC/USD", Bar.M1, Bar.ORIGIN_TRADES);
        assertThat(b).isEqualTo(new Bar("kraken", "BTC/USD", "1m", D, d("100.0"), d("102.5"), d("99.75"), d("99.75"),
                d("3.5"), 3, d("101.392857"), "trades"));
    }

    @Test
    void openAndCloseFollowEventTimeNotArrival() {
        BarAggregator a = new BarAggregator(D);
        a.addTrade(D + 30 * S, d("101"), d("1"));
        a.addTrade(D + 10 * S, d("100"), d("1")); // earlier, arrives later: becomes the open
        a.addTrade(D + 30 * S, d("102"), d("1")); // same time as the last: the later arrival closes
        Bar b = a.toBar("v", "s", Bar.M1, Bar.ORIGIN_TRADES);
        assertThat(b.open()).isEqualTo(d("100"));
        assertThat(b.close()).isEqualTo(d("102"));
        // vwap (101 + 100 + 102) / 3 = 101 exactly, at scale 0 + 4
        assertThat(b.vwap()).isEqualTo(d("101.0000"));
    }

    /** Integer prices, so VWAP has 0 + 4 decimals; ties at the 5th decimal go to the even neighbour. */
    @Test
    void vwapRoundsHalfEven() {
        BarAggregator exact = new BarAggregator(D);
        exact.addTrade(D, d("1"), d("3"));
        exact.addTrade(D + 1, d("2"), d("1")); // 5 / 4 = 1.25
        assertThat(exact.vwap()).isEqualTo(d("1.2500"));

        BarAggregator tieDown = new BarAggregator(D);
        tieDown.addTrade(D, d("1"), d("99995"));
        tieDown.addTrade(D + 1, d("2"), d("5")); // 100005 / 100000 = 1.00005 -> 1.0000 (half-up: 1.0001)
        assertThat(tieDown.vwap()).isEqualTo(d("1.0000"));

        BarAggregator tieUp = new BarAggregator(D);
        tieUp.addTrade(D, d("1"), d("99995"));
        tieUp.addTrade(D + 1, d("4"), d("5")); // 100015 / 100000 = 1.00015 -> 1.0002
        assertThat(tieUp.vwap()).isEqualTo(d("1.0002"));
    }

    @Test
    void mergeTakesOhlcFromConstituentsInTimeOrder() {
        BarAggregator m0 = new BarAggregator(D);
        m0.addTrade(D + 5 * S, d("10"), d("1"));
        m0.addTrade(D + 6 * S, d("12"), d("1"));
        BarAggregator m1 = new BarAggregator(D + 60 * S);
        m1.addTrade(D + 65 * S, d("9"), d("2"));
        m1.addTrade(D + 70 * S, d("11"), d("1"));
        BarAggregator h = new BarAggregator(D);
        h.merge(m1); // constituents may come in any order: times decide
        h.merge(m0);
        Bar b = h.toBar("v", "s", Bar.H1, Bar.ORIGIN_TRADES);
        // O 10 (m0 first), H 12, L 9, C 11 (m1 last), V 5, notional 10+12+18+11 = 51 -> 10.2
        assertThat(b).isEqualTo(new Bar("v", "s", "1h", D, d("10"), d("12"), d("9"), d("11"), d("5"), 4, d("10.2000"),
                "trades"));
    }

    @Test
    void historyBarNotionalIsVwapTimesVolume() {
        Bar hist = new Bar("v", "s", Bar.H1, D, d("104"), d("106"), d("103"), d("105"), d("10"), 7, d("105.0"),
                Bar.ORIGIN_HISTORY);
        BarAggregator a = BarAggregator.ofBar(hist);
        Bar back = a.toBar("v", "s", Bar.H1, Bar.ORIGIN_HISTORY);
        assertThat(back.open()).isEqualTo(hist.open());
        assertThat(back.volume()).isEqualTo(hist.volume());
        assertThat(back.trades()).isEqualTo(7);
        assertThat(back.vwap()).isEqualTo(d("105.0000")); // 1050.0 / 10 at price scale 0 + 4
    }

    @Test
    void historyWithoutVwapUsesTheClose() {
        Bar hist = new Bar("v", "s", Bar.H1, D, d("1"), d("2"), d("1"), d("2"), d("4"), 1, null, Bar.ORIGIN_HISTORY);
        assertThat(BarAggregator.ofBar(hist).vwap()).isEqualTo(d("2.0000"));
    }

    @Test
    void zeroVolumeVwapIsTheClose() {
        Bar hist = new Bar("v", "s", Bar.H1, D, d("1"), d("2"), d("1"), d("1.5"), d("0"), 0, d("1.5"),
                Bar.ORIGIN_HISTORY);
        assertThat(BarAggregator.ofBar(hist).vwap()).isEqualTo(d("1.5"));
    }

    @Test
    void emptyBarCannotBecomeABar() {
        assertThatThrownBy(() -> new BarAggregator(D).toBar("v", "s", Bar.M1, Bar.ORIGIN_TRADES))
                .isInstanceOf(IllegalStateException.class);
        BarAggregator a = new BarAggregator(D);
        a.merge(new BarAggregator(D)); // merging nothing changes nothing
        assertThat(a.isEmpty()).isTrue();
    }

    @Test
    void largeNotionalStaysExact() {
        // a meme coin: 0.000000012345 (scale 12) x 9000000000.12345678 (scale 8) -> scale 20, beyond a long
        BarAggregator a = new BarAggregator(D);
        a.addTrade(D, d("0.000000012345"), d("9000000000.12345678"));
        a.addTrade(D + 1, d("0.000000012346"), d("1000000000"));
        // notional 111.10500000152407394910 + 12.346 = 123.45100000152407394910; volume 10000000000.12345678
        // vwap = 0.00000001234509999999999876... -> 12 + 4 = 16 decimals: 0.0000000123451000
        Bar b = a.toBar("v", "s", Bar.M1, Bar.ORIGIN_TRADES);
        assertThat(b.volume()).isEqualTo(Decimal.of(1_000_000_000_012_345_678L, 8)); // 19 digits: more than the parser takes
        assertThat(b.vwap()).isEqualTo(d("0.0000000123451000"));
    }
}
