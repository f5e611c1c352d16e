package io.cryptorun.functions.bars;

import static io.cryptorun.functions.bars.BarAggregatorTest.D;
import static io.cryptorun.functions.bars.BarAggregatorTest.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.Bar;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarRollupTest {
    static final long H = BarRollup.HOUR;

    static BarAggregator hour(long start, String price, String qty) {
        BarAggregator a = new BarAggregator(start);
        a.addTrade(start + 1, d(price), d(qty));
        return a;
    }

    @Test
    void alignsToUtc() {
        assertThat(BarRollup.floor(D + 5 * H + 7, BarRollup.H4)).isEqualTo(D + 4 * H);
        assertThat(BarRollup.floor(D + 23 * H, BarRollup.DAY)).isEqualTo(D);
        assertThat(BarRollup.floor(D - 1, BarRollup.DAY)).isEqualTo(D - BarRollup.DAY);
        assertThat(BarRollup.floor(-1, BarRollup.MINUTE)).isEqualTo(-BarRollup.MINUTE);
    }

    /**
     * Hours 00..05 with one trade each at prices 10,11,...,15 and qty 1:
     * <pre>
     * 4h 00:00  O 10 H 13 L 10 C 13  V 4  trades 4  vwap (10+11+12+13)/4 = 11.5  -> 11.5000
     * 4h 04:00  O 14 H 15 L 14 C 15  V 2  trades 2  vwap 29/2 = 14.5             -> 14.5000
     * 1d        O 10 H 15 L 10 C 15  V 6  trades 6  vwap 75/6 = 12.5             -> 12.5000
     * </pre>
     * The first 4h closes when hour 04 arrives; the rest at closeUpTo(end of day).
     */
    @Test
    void rollsHoursIntoFourHoursAndDays() {
        BarRollup r = new BarRollup();
        List<Bar> out = new ArrayList<>();
        BarRollup.Sink sink = (interval, b) -> out.add(b.toBar("v", "s", interval, Bar.ORIGIN_TRADES));
        for (int i = 0; i < 6; i++) {
            r.addHour(hour(D + i * H, Integer.toString(10 + i), "1"), sink);
        }
        assertThat(out).containsExactly(
                new Bar("v", "s", "4h", D, d("10"), d("13"), d("10"), d("13"), d("4"), 4, d("11.5000"), "trades"));
        assertThat(r.h4EndMicros()).isEqualTo(D + 8 * H);
        assertThat(r.d1EndMicros()).isEqualTo(D + 24 * H);
        r.closeUpTo(D + 8 * H - 1, sink);
        assertThat(out).hasSize(1);
        r.closeUpTo(D + 24 * H, sink);
        assertThat(out).containsExactly(
                new Bar("v", "s", "4h", D, d("10"), d("13"), d("10"), d("13"), d("4"), 4, d("11.5000"), "trades"),
                new Bar("v", "s", "4h", D + 4 * H, d("14"), d("15"), d("14"), d("15"), d("2"), 2, d("14.5000"), "trades"),
                new Bar("v", "s", "1d", D, d("10"), d("15"), d("10"), d("15"), d("6"), 6, d("12.5000"), "trades"));
        assertThat(r.isEmpty()).isTrue();
    }

    /**
     * A trade-built hour (vwap from exact notional) and a history hour (notional = vwap x volume):
     * <pre>
     * 00:00 trades: 100.0 x 1.0, 102.5 x 2, 99.75 x 0.5, 101.0 x 1.0 -> notional 455.875, V 4.5
     * 01:00 history: O 104 H 106 L 103 C 105 V 10 trades 7 vwap 105.0 -> notional 1050.00
     * 4h: O 100.0 H 106 L 99.75 C 105 V 14.5 trades 11 vwap 1505.875 / 14.5 = 103.85344827... -> 103.853448
     * </pre>
     */
    @Test
    void historyAndTradeHoursMix() {
        BarAggregator h0 = new BarAggregator(D);
        h0.addTrade(D + 10, d("100.0"), d("1.0"));
        h0.addTrade(D + 20, d("102.5"), d("2"));
        h0.addTrade(D + 50, d("99.75"), d("0.5"));
        h0.addTrade(D + 65, d("101.0"), d("1.0"));
        BarAggregator h1 = BarAggregator.ofBar(new Bar("v", "s", "1h", D + H, d("104"), d("106"), d("103"), d("105"),
                d("10"), 7, d("105.0"), Bar.ORIGIN_HISTORY));
        BarRollup r = new BarRollup();
        List<Bar> out = new ArrayList<>();
        BarRollup.Sink sink = (interval, b) -> out.add(b.toBar("v", "s", interval, Bar.ORIGIN_TRADES));
        r.addHour(h0, sink);
        r.addHour(h1, sink);
        r.closeUpTo(D + 4 * H, sink);
        assertThat(out).containsExactly(new Bar("v", "s", "4h", D, d("100.0"), d("106"), d("99.75"), d("105"),
                d("14.5"), 11, d("103.853448"), "trades"));
    }

    @Test
    void emptyHoursAreIgnored() {
        BarRollup r = new BarRollup();
        r.addHour(new BarAggregator(D), (i, b) -> {
            throw new AssertionError("nothing to close");
        });
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.h4EndMicros()).isEqualTo(Long.MIN_VALUE);
    }
}
