package io.cryptorun.functions.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeValidatorTest {
    static final long T0 = 1_736_121_600_000_000L;
    static final BigDecimal Q = new BigDecimal("0.5");

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static List<String> checks(List<ValidationFlag> f) {
        return f.stream().map(ValidationFlag::check).toList();
    }

    @Test
    void robustStatsExact() {
        List<BigDecimal> xs = List.of(d("1"), d("2"), d("3"), d("4"), d("100"));
        BigDecimal med = RobustStats.median(xs);
        assertThat(med).isEqualByComparingTo("3");
        assertThat(RobustStats.mad(xs, med)).isEqualByComparingTo("1"); // |dev| = 2,1,0,1,97 -> 1
        assertThat(RobustStats.median(List.of(d("1"), d("2"), d("3"), d("4")))).isEqualByComparingTo("2.5");
        assertThat(RobustStats.z(d("5"), med, d("1"), d("0.5"))).isEqualByComparingTo("1.349");
        assertThat(RobustStats.z(d("5"), med, d("0"), d("0.5"))).isEqualByComparingTo("2.698"); // floor used
    }

    @Test
    void schemaChecks() {
        assertThat(SchemaCheck.trade("kraken", "BTC/USD", T0, d("1"), d("1"))).isEmpty();
        assertThat(SchemaCheck.trade("kraken", "BTC/USD", T0, d("0"), d("1"))).hasValueSatisfying(r -> assertThat(r).startsWith("price"));
        assertThat(SchemaCheck.trade("kraken", "BTC/USD", T0, d("1"), d("-1"))).hasValueSatisfying(r -> assertThat(r).startsWith("qty"));
        assertThat(SchemaCheck.trade("kraken", "BTCUSD", T0, d("1"), d("1"))).isPresent();
        assertThat(SchemaCheck.trade("kraken", "BTC/USD", T0 / 1000, d("1"), d("1"))).isPresent(); // ms, not µs
        assertThat(SchemaCheck.bookLevel("kraken", "BTC/USD", T0, d("1"), d("0"))).isEmpty(); // a delete
        assertThat(SchemaCheck.bar("kraken", "BTC/USD", T0, d("10"), d("9"), d("8"), d("9"), d("1"))).isPresent();
        assertThat(SchemaCheck.bar("kraken", "BTC/USD", T0, d("9"), d("10"), d("8"), d("9"), d("1"))).isEmpty();
    }

    @Test
    void spikeThresholdExactlyOnAndEitherSide() {
        // spike limit 1500 bp = 15 %: a jump of exactly 15 % is a spike, 14.99 % is not (history too short for z)
        assertThat(checks(twoTrades("115.00"))).containsExactly(ValidationFlag.SPIKE);
        assertThat(checks(twoTrades("114.99"))).isEmpty();
        assertThat(checks(twoTrades("85.00"))).containsExactly(ValidationFlag.SPIKE);
        assertThat(checks(twoTrades("85.01"))).isEmpty();
    }

    private static List<ValidationFlag> twoTrades(String second) {
        TradeValidator v = new TradeValidator(ValidationConfig.defaults());
        assertThat(v.check("kraken", "BTC/USD", T0, d("100.00"), Q)).isEmpty();
        return v.check("kraken", "BTC/USD", T0 + 1_000_000, d(second), Q);
    }

    @Test
    void crossVenueThresholdExactlyOnAndEitherSide() {
        // other venues at 100 and 102: median 101; limit 300 bp -> 104.03 is exactly 300 bp (not flagged), 104.04 is
        assertThat(crossVenue("104.03")).isEmpty();
        assertThat(crossVenue("104.04")).containsExactly(ValidationFlag.CROSS_VENUE);
        assertThat(crossVenue("97.97")).isEmpty();
        assertThat(crossVenue("97.96")).containsExactly(ValidationFlag.CROSS_VENUE);
    }

    private static List<String> crossVenue(String price) {
        TradeValidator v = new TradeValidator(ValidationConfig.defaults());
        v.check("coinbase", "BTC/USD", T0, d("100"), Q);
        v.check("bitstamp", "BTC/USD", T0, d("102"), Q);
        return checks(v.check("kraken", "BTC/USD", T0 + 1, d(price), Q));
    }

    @Test
    void crossVenueIgnoresStaleVenues() {
        TradeValidator v = new TradeValidator(ValidationConfig.defaults());
        v.check("coinbase", "BTC/USD", T0, d("100"), Q);
        v.check("bitstamp", "BTC/USD", T0, d("100"), Q);
        assertThat(v.check("kraken", "BTC/USD", T0 + 60_000_000, d("110"), Q)).hasSize(1); // 60 s old: still compared
        assertThat(v.check("gemini", "BTC/USD", T0 + 60_000_001, d("110"), Q)).isEmpty(); // 60 s + 1 µs: not
    }

    /** A quiet random walk of ±1 bp steps; a planted 2 % print is anomalous vs history though below the spike limit. */
    @Test
    void plantedPriceAndSizeAnomaliesFlaggedAndKeptOutOfHistory() {
        TradeValidator v = new TradeValidator(ValidationConfig.defaults());
        BigDecimal p = d("50000.00");
        long ts = T0;
        int flagged = 0;
        for (int i = 0; i < 200; i++) {
            p = p.add(i % 3 == 0 ? d("-5.00") : d("5.00"));
            flagged += v.check("kraken", "BTC/USD", ts += 1_000_000, p, new BigDecimal("0.1" + (i % 7))).size();
        }
        assertThat(flagged).isZero();
        List<ValidationFlag> f = v.check("kraken", "BTC/USD", ts += 1_000_000, p.multiply(d("1.02")), d("0.12"));
        assertThat(checks(f)).containsExactly(ValidationFlag.PRICE_Z);
        assertThat(f.get(0).reason()).contains("robust z").contains("limit 25");
        // the print did not move the reference: the next normal trade is fine
        assertThat(v.check("kraken", "BTC/USD", ts += 1_000_000, p.add(d("5.00")), d("0.13"))).isEmpty();
        // a 1000x size
        assertThat(checks(v.check("kraken", "BTC/USD", ts += 1_000_000, p, d("130")))).containsExactly(ValidationFlag.VOLUME_Z);
        // the same 2 % move confirmed by two other venues is a market move
        v.check("coinbase", "BTC/USD", ts, p.multiply(d("1.02")), d("0.1"));
        v.check("gemini", "BTC/USD", ts, p.multiply(d("1.021")), d("0.1"));
        assertThat(v.check("kraken", "BTC/USD", ts += 1_000_000, p.multiply(d("1.02")), d("0.12"))).isEmpty();
    }

    @Test
    void rebasesAfterFiveConsecutiveFlags() {
        TradeValidator v = new TradeValidator(ValidationConfig.defaults());
        v.check("kraken", "XRP/USD", T0, d("1.00"), Q);
        for (int i = 1; i <= TradeValidator.REBASE_AFTER; i++) {
            assertThat(v.check("kraken", "XRP/USD", T0 + i, d("2.00"), Q)).extracting(ValidationFlag::check).containsExactly("spike");
        }
        assertThat(v.check("kraken", "XRP/USD", T0 + 10, d("2.00"), Q)).isEmpty();
    }

    @Test
    void staleness() {
        Staleness s = new Staleness();
        s.update("kraken", "BTC/USD", T0);
        s.update("coinbase", "BTC/USD", T0 + 5_000_000);
        assertThat(s.stale(T0 + 10_000_000, 10_000_000)).isEmpty();
        assertThat(s.stale(T0 + 10_000_001, 10_000_000)).containsExactly("kraken|BTC/USD");
    }

    /** Book states (issue 17): the same price checks on mids, under the book kinds; on the limits and one unit either side. */
    @Test
    void bookMidChecksOnTheLimitsAndEitherSide() {
        assertThat(checks(twoMids("115.000"))).containsExactly(ValidationFlag.BOOK_SPIKE);
        assertThat(checks(twoMids("114.999"))).isEmpty();
        assertThat(checks(twoMids("85.000"))).containsExactly(ValidationFlag.BOOK_SPIKE);
        assertThat(checks(twoMids("85.001"))).isEmpty();
        // other venues' mids at 100 and 102: 104.03 is exactly 300 bp from their median (not flagged), 104.04 is
        assertThat(crossMid("104.03")).isEmpty();
        assertThat(crossMid("104.04")).containsExactly(ValidationFlag.BOOK_CROSS_VENUE);
        assertThat(crossMid("97.97")).isEmpty();
        assertThat(crossMid("97.96")).containsExactly(ValidationFlag.BOOK_CROSS_VENUE);
        assertThat(crossMid("0")).containsExactly(ValidationFlag.SCHEMA);
    }

    private static List<String> crossMid(String mid) {
        TradeValidator v = new TradeValidator(ValidationConfig.defaults());
        TradeValidator.History h = new TradeValidator.History();
        v.checkMid(h, "coinbase", "BTC/USD", T0, d("100"));
        v.checkMid(h, "bitstamp", "BTC/USD", T0, d("102"));
        return checks(v.checkMid(h, "kraken", "BTC/USD", T0 + 1, d(mid)));
    }

    /** A mid has no size: no volume check, and the log-size window stays empty; a 2 % jump in a quiet book is book_price_z. */
    @Test
    void bookMidHistoryHasNoSizesAndFlagsAQuietBooksJump() {
        TradeValidator v = new TradeValidator(ValidationConfig.defaults());
        TradeValidator.History h = new TradeValidator.History();
        BigDecimal p = d("50000.00");
        long ts = T0;
        for (int i = 0; i < 100; i++) {
            p = p.add(i % 3 == 0 ? d("-2.50") : d("2.50"));
            assertThat(v.checkMid(h, "kraken", "BTC/USD", ts += 1_000_000, p)).isEmpty();
        }
        assertThat(h.series.get("kraken|BTC/USD").lnQty.size()).isZero();
        assertThat(h.series.get("kraken|BTC/USD").returns.size()).isEqualTo(99);
        assertThat(checks(v.checkMid(h, "kraken", "BTC/USD", ts += 1_000_000, p.multiply(d("1.02")))))
                .containsExactly(ValidationFlag.BOOK_PRICE_Z);
    }

    private static List<ValidationFlag> twoMids(String second) {
        TradeValidator v = new TradeValidator(ValidationConfig.defaults());
        TradeValidator.History h = new TradeValidator.History();
        assertThat(v.checkMid(h, "kraken", "BTC/USD", T0, d("100.000"))).isEmpty();
        return v.checkMid(h, "kraken", "BTC/USD", T0 + 1_000_000, d(second));
    }

    @Test
    void newlyStaleOnceAtTheLimitAgainAfterNewData() {
        java.util.Map<String, Long> data = new java.util.HashMap<>(java.util.Map.of("kraken", T0, "coinbase", T0 + 5_000_000));
        java.util.Map<String, Long> reported = new java.util.HashMap<>();
        assertThat(Staleness.newlyStale(data, reported, T0 + 59_999_999, 60_000_000)).isEmpty();
        assertThat(Staleness.newlyStale(data, reported, T0 + 60_000_000, 60_000_000)).containsExactly("kraken");
        assertThat(Staleness.newlyStale(data, reported, T0 + 70_000_000, 60_000_000)).containsExactly("coinbase");
        assertThat(Staleness.newlyStale(data, reported, T0 + 99_000_000, 60_000_000)).as("once per silence").isEmpty();
        data.put("kraken", T0 + 80_000_000); // news, then silent again
        assertThat(Staleness.newlyStale(data, reported, T0 + 140_000_000, 60_000_000)).containsExactly("kraken");
    }

    /**
     * The validator skips the MAD when 0.6745·|return − median| ≤ limit × floor: on random windows (returns of a few
     * bp to a few %, some flat) and random returns, whenever it skips, the full robust z is within the limit too.
     */
    @Test
    void skippingTheMadNeverHidesAPriceZ() {
        java.util.Random rnd = new java.util.Random(17);
        ValidationConfig cfg = ValidationConfig.defaults();
        BigDecimal zFloor = cfg.priceZMax().multiply(cfg.returnMadFloor());
        int skipped = 0;
        for (int t = 0; t < 20_000; t++) {
            int n = 30 + rnd.nextInt(171);
            int scale = 1 + rnd.nextInt(4); // spreads of 0.01 % .. 10 %
            List<BigDecimal> w = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                w.add(rnd.nextInt(5) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(rnd.nextInt(2001) - 1000, 3 + scale));
            }
            w.sort(null);
            BigDecimal med = RobustStats.medianOfSorted(w);
            BigDecimal ret = BigDecimal.valueOf(rnd.nextInt(40_001) - 20_000, 6);
            if (RobustStats.K.multiply(ret.subtract(med).abs()).compareTo(zFloor) <= 0) {
                skipped++;
                BigDecimal z = RobustStats.z(ret, med, RobustStats.madOfSorted(w, med), cfg.returnMadFloor());
                assertThat(z.abs()).as("ret %s median %s", ret, med).isLessThanOrEqualTo(cfg.priceZMax());
            }
        }
        assertThat(skipped).isGreaterThan(1_000);
    }
}
