package io.cryptorun.functions.validate;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validation layer for trades (issue 17): schema, spike, robust (MAD) z-scores of the trade's return and size
 * against the venue/symbol's own recent history, and the deviation from the median of the other venues' latest
 * prices. A flagged trade is meant to be quarantined with the flags' reasons and kept out of bars and scores; it
 * does not enter the history either, so one bad print does not widen the band for the next.
 *
 * <p>A large return that the other venues confirm (the price is within {@code crossVenueBps} of their median) is a
 * market move, not an anomaly: {@code price_z} needs the venues to disagree, or no other venue to compare with.
 * After {@link #REBASE_AFTER} consecutive flagged trades of one venue/symbol its own history restarts from the
 * newest price (a venue that re-lists or re-denominates would otherwise be quarantined for ever).
 * Statistics of prices are exact decimals; the log of the size is a double (a statistic, never an output value).
 */
public final class TradeValidator implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int REBASE_AFTER = 5;
    private static final BigDecimal BP = BigDecimal.valueOf(10_000);

    private final ValidationConfig cfg;
    /** priceZMax × returnMadFloor: below it, 0.6745·|return − median| cannot make a price_z flag. */
    private final BigDecimal zFloor;
    /** The history of a validator used on its own ({@link #check(String, String, long, BigDecimal, BigDecimal)}). */
    private final History own = new History();

    /** A venue's last accepted price and its time. */
    public record Last(BigDecimal price, long ts) implements Serializable {}

    /** One venue/symbol's recent history (keyed state of its own in the operators: {@link SeriesSerializer}). */
    public static final class Series implements Serializable {
        private static final long serialVersionUID = 1L;
        BigDecimal lastPrice;
        /** Accepted returns, oldest first, also kept sorted for the median and MAD. */
        final OrderedWindow<BigDecimal> returns = new OrderedWindow<>();
        /** ln(qty) of accepted trades, likewise. */
        final OrderedWindow<Double> lnQty = new OrderedWindow<>();
        int consecutiveFlags;
    }

    /**
     * Everything the checks remember, apart from the thresholds: per venue/symbol the returns and log sizes, and per
     * symbol each venue's last accepted price. A keyed operator keeps one per symbol in its state
     * ({@link TradeHistorySerializer}); a validator used on its own keeps one for all symbols.
     */
    public static final class History implements Serializable {
        private static final long serialVersionUID = 1L;
        /** "venue|symbol" -> history. */
        final Map<String, Series> series = new HashMap<>();
        /** symbol -> venue -> last accepted price and its time. */
        final Map<String, Map<String, Last>> lastBySymbol = new HashMap<>();

        /** "venue|symbol" → series (a view). */
        public Map<String, Series> series() {
            return java.util.Collections.unmodifiableMap(series);
        }

        /** venue → last accepted price of {@code symbol} (a view; empty when none). */
        public Map<String, Last> lasts(String symbol) {
            return java.util.Collections.unmodifiableMap(lastBySymbol.getOrDefault(symbol, Map.of()));
        }
    }

    public TradeValidator(ValidationConfig cfg) {
        this.cfg = cfg;
        this.zFloor = cfg.priceZMax().multiply(cfg.returnMadFloor());
    }

    public List<ValidationFlag> check(String venue, String symbol, long tsMicros, BigDecimal price, BigDecimal qty) {
        return check(own, venue, symbol, tsMicros, price, qty);
    }

    /**
     * The flags of one book state's mid against {@code h} (a history of mids, not of trades): the same price checks
     * as a trade's — spike, robust z of the return vs the venue/symbol's own mids unless the other venues' mids
     * confirm it, deviation from their median — under the kinds {@link ValidationFlag#BOOK_SPIKE},
     * {@link ValidationFlag#BOOK_PRICE_Z} and {@link ValidationFlag#BOOK_CROSS_VENUE}; a book has no size to check.
     */
    public List<ValidationFlag> checkMid(History h, String venue, String symbol, long tsMicros, BigDecimal mid) {
        return bookKinds(check(h, venue, symbol, tsMicros, mid, null));
    }

    /** {@link #checkMid(History, String, String, long, BigDecimal)} on one venue's series and the symbol's last mids per venue. */
    public List<ValidationFlag> checkMid(Series s, Map<String, Last> lasts, String venue, String symbol, long tsMicros, BigDecimal mid) {
        return bookKinds(check(s, lasts, venue, symbol, tsMicros, mid, null));
    }

    private static List<ValidationFlag> bookKinds(List<ValidationFlag> flags) {
        if (flags.isEmpty()) return flags;
        List<ValidationFlag> book = new ArrayList<>(flags.size());
        for (ValidationFlag f : flags) book.add(new ValidationFlag(ValidationFlag.bookKind(f.check()), f.reason()));
        return book;
    }

    /**
     * The flags of one trade against {@code h} (empty: accepted, and {@code h} now includes it); {@code h} is updated.
     * {@code qty} null: a price without a size (a book's mid), whose size is not checked.
     */
    public List<ValidationFlag> check(History h, String venue, String symbol, long tsMicros, BigDecimal price, BigDecimal qty) {
        List<ValidationFlag> bad = schema(venue, symbol, tsMicros, price, qty);
        if (!bad.isEmpty()) return bad; // before any history is created for it
        return check(h.series.computeIfAbsent(venue + "|" + symbol, k -> new Series()),
                h.lastBySymbol.computeIfAbsent(symbol, k -> new HashMap<>()), venue, symbol, tsMicros, price, qty);
    }

    /**
     * The same checks on the history as the operators keep it: {@code s}, the venue/symbol's own series, and
     * {@code lasts}, the symbol's last accepted price per venue (both updated).
     */
    public List<ValidationFlag> check(Series s, Map<String, Last> lasts, String venue, String symbol, long tsMicros,
            BigDecimal price, BigDecimal qty) {
        List<ValidationFlag> flags = schema(venue, symbol, tsMicros, price, qty);
        if (!flags.isEmpty()) return flags;
        BigDecimal ret = s.lastPrice == null ? null : price.subtract(s.lastPrice).divide(s.lastPrice, RobustStats.MC);

        // the other venues' median, when at least two of them traded recently
        BigDecimal crossDevBps = null;
        List<BigDecimal> others = new ArrayList<>();
        for (Map.Entry<String, Last> e : lasts.entrySet()) {
            if (!e.getKey().equals(venue) && tsMicros - e.getValue().ts() <= cfg.crossVenueMaxAgeMicros()) others.add(e.getValue().price());
        }
        if (others.size() >= 2) {
            BigDecimal med = RobustStats.median(others);
            crossDevBps = price.subtract(med).abs().multiply(BP).divide(med, RobustStats.MC);
            if (crossDevBps.compareTo(cfg.crossVenueBps()) > 0) {
                flags.add(new ValidationFlag(ValidationFlag.CROSS_VENUE, "price " + price.toPlainString() + " is "
                        + crossDevBps.setScale(1, java.math.RoundingMode.HALF_EVEN).toPlainString() + " bp from the other venues' median "
                        + med.toPlainString() + " (limit " + cfg.crossVenueBps().toPlainString() + " bp)"));
            }
        }
        if (ret != null) {
            BigDecimal jumpBps = ret.abs().multiply(BP);
            if (jumpBps.compareTo(cfg.spikeBps()) >= 0) {
                flags.add(new ValidationFlag(ValidationFlag.SPIKE, "jump of " + jumpBps.setScale(1, java.math.RoundingMode.HALF_EVEN)
                        .toPlainString() + (qty == null ? " bp from the previous mid " : " bp from the previous trade ") + s.lastPrice.toPlainString()
                        + " (limit " + cfg.spikeBps().toPlainString() + " bp)"));
            }
            boolean confirmed = crossDevBps != null && crossDevBps.compareTo(cfg.crossVenueBps()) <= 0;
            if (s.returns.size() >= cfg.minHistory() && !confirmed) {
                List<BigDecimal> sorted = s.returns.sorted();
                BigDecimal med = RobustStats.medianOfSorted(sorted);
                // |z| ≤ limit whatever the MAD when 0.6745·|ret − median| ≤ limit × floor (the divisor is at least the
                // floor, and rounding the quotient is monotonic): the MAD is then not needed. Same verdicts, exactly.
                BigDecimal z = RobustStats.K.multiply(ret.subtract(med).abs()).compareTo(zFloor) <= 0 ? BigDecimal.ZERO
                        : RobustStats.z(ret, med, RobustStats.madOfSorted(sorted, med), cfg.returnMadFloor());
                if (z.abs().compareTo(cfg.priceZMax()) > 0) {
                    flags.add(new ValidationFlag(ValidationFlag.PRICE_Z, "return robust z "
                            + z.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString() + " vs own history (limit "
                            + cfg.priceZMax().toPlainString() + ")"));
                }
            }
        }
        double lq = qty == null ? Double.NaN : Math.log(qty.doubleValue());
        if (qty != null && s.lnQty.size() >= cfg.minHistory()) {
            List<Double> sizes = s.lnQty.sorted();
            double med = RobustStats.medianOfSortedDoubles(sizes);
            double z = 0.6745 * (lq - med) / Math.max(RobustStats.madOfSortedDoubles(sizes, med), cfg.volumeMadFloor());
            if (z > cfg.volumeZMax()) {
                flags.add(new ValidationFlag(ValidationFlag.VOLUME_Z, String.format(java.util.Locale.ROOT,
                        "size %s: robust z of ln(qty) %.2f vs own history (limit %.1f)", qty.toPlainString(), z, cfg.volumeZMax())));
            }
        }
        if (flags.isEmpty()) {
            accept(lasts, s, venue, tsMicros, price, ret, lq);
        } else if (++s.consecutiveFlags >= REBASE_AFTER) {
            s.returns.clear();
            s.lnQty.clear();
            s.lastPrice = price;
            s.consecutiveFlags = 0;
        }
        return flags;
    }

    private static List<ValidationFlag> schema(String venue, String symbol, long tsMicros, BigDecimal price, BigDecimal qty) {
        List<ValidationFlag> flags = new ArrayList<>();
        Optional<String> bad = qty == null ? SchemaCheck.price(venue, symbol, tsMicros, price)
                : SchemaCheck.trade(venue, symbol, tsMicros, price, qty);
        bad.ifPresent(r -> flags.add(new ValidationFlag(ValidationFlag.SCHEMA, r)));
        return flags;
    }

    private void accept(Map<String, Last> lasts, Series s, String venue, long ts, BigDecimal price, BigDecimal ret, double lq) {
        s.consecutiveFlags = 0;
        if (ret != null) {
            s.returns.addLast(ret);
            if (s.returns.size() > cfg.window()) s.returns.removeFirst();
        }
        if (!Double.isNaN(lq)) {
            s.lnQty.addLast(lq);
            if (s.lnQty.size() > cfg.window()) s.lnQty.removeFirst();
        }
        s.lastPrice = price;
        lasts.put(venue, new Last(price, ts));
    }
}
