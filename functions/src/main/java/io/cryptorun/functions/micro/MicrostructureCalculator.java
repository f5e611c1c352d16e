package io.cryptorun.functions.micro;

import io.cryptorun.sources.time.Micros;
import io.cryptorun.functions.math.Decimals;
import io.cryptorun.functions.math.ProductSum128;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.decimal.ExactMath;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * SPEC §5 microstructure of an {@link OrderBook}, exact. Knows nothing of Flink.
 *
 * <p>Both ±2 % bands are decided on unscaled longs: with {@code s = bid + ask} (so mid = s/2),
 * a bid is in band iff {@code price × 100 ≥ s × 49} and an ask iff {@code price × 100 ≤ s × 51},
 * compared as exact 128-bit products — a level sitting exactly on mid × 0.98 counts. Depth is
 * summed in 128 bits at scale priceScale + qtyScale and kept exact up to {@link #DEPTH_SCALE}
 * decimals (trailing zeros dropped down to cents); beyond that it is rounded toward negative
 * infinity (floor), which keeps {@code depth ≥ t} exact
 * for any threshold t with at most that many decimals ({@code floor_k(x) ≥ t ⇔ x ≥ t}).
 * The spread in bps is for display (4 decimals); the gate decides it on the exact bid and ask.
 */
public final class MicrostructureCalculator {
    private static final BigDecimal TEN_THOUSAND_X2 = BigDecimal.valueOf(20_000);
    private static final Decimal ZERO_USD = Decimal.of(0, 2);
    private static final Decimal ZERO_RATIO = Decimal.of(0, 4);
    /** Most decimals a depth keeps (the SQL tables' DECIMAL(28, 8)); at least cents are shown. */
    public static final int DEPTH_SCALE = 8;

    private MicrostructureCalculator() {}

    /** Microstructure of {@code book} as of {@code tsMicros}; never null (see {@link Microstructure#valid()}). */
    public static Microstructure compute(OrderBook book, long tsMicros) {
        return compute(book, tsMicros, book.lastUpdateMicros());
    }

    /**
     * As {@link #compute(OrderBook, long)}, with the book's age measured from {@code aliveMicros}:
     * the later of its last exchange update and its connection's last heartbeat (SPEC §4).
     */
    public static Microstructure compute(OrderBook book, long tsMicros, long aliveMicros) {
        long last = aliveMicros;
        long ageMs = last == Long.MIN_VALUE ? -1 : Micros.toMillis(tsMicros - last);
        if (book.bidCount() == 0 || book.askCount() == 0 || !book.hasPrecision()) {
            return new Microstructure(book.venue(), book.symbol(), tsMicros, null, null, null, null, null, null, null,
                    null, ageMs, false, book.lastConn(), book.lastFrameOrdinal());
        }
        int ps = book.priceScale();
        int qs = book.qtyScale();
        long bidPx = book.bidPrice(0);
        long askPx = book.askPrice(0);
        long sum = Math.addExact(bidPx, askPx);

        ProductSum128 acc = new ProductSum128();
        for (int i = 0, n = book.bidCount(); i < n; i++) {
            long px = book.bidPrice(i);
            if (ProductSum128.compareProducts(px, 100, sum, 49) < 0) {
                break; // bids are best-first: every later level is lower still
            }
            acc.add(px, book.bidQty(i));
        }
        BigDecimal bidDepth = new BigDecimal(acc.toBigInteger(), ps + qs);
        acc.reset();
        for (int i = 0, n = book.askCount(); i < n; i++) {
            long px = book.askPrice(i);
            if (ProductSum128.compareProducts(px, 100, sum, 51) > 0) {
                break;
            }
            acc.add(px, book.askQty(i));
        }
        BigDecimal askDepth = new BigDecimal(acc.toBigInteger(), ps + qs);
        BigDecimal total = bidDepth.add(askDepth);

        Decimal imbalance = total.signum() == 0
                ? ZERO_RATIO
                : Decimals.halfEven(bidDepth.subtract(askDepth).divide(total, 4, RoundingMode.HALF_EVEN), 4);
        // (ask − bid) / ((ask + bid) / 2) × 10 000: the common scale cancels, so unscaled values do
        Decimal spreadBps = Decimals.halfEven(
                BigDecimal.valueOf(askPx - bidPx).multiply(TEN_THOUSAND_X2).divide(BigDecimal.valueOf(sum), 4,
                        RoundingMode.HALF_EVEN), 4);

        boolean valid = book.isValid() && bidPx < askPx;
        return new Microstructure(book.venue(), book.symbol(), tsMicros, Decimal.of(bidPx, ps), Decimal.of(askPx, ps),
                mid(sum, ps), spreadBps, usd(bidDepth, ps + qs), usd(askDepth, ps + qs), usd(total, ps + qs), imbalance,
                ageMs, valid,
                book.lastConn(), book.lastFrameOrdinal());
    }

    /** (bid + ask) / 2 exactly: ×5 at one more decimal. */
    static Decimal mid(long sum, int priceScale) {
        if (priceScale < ExactMath.MAX_SCALE) {
            try {
                return Decimal.of(Math.multiplyExact(sum, 5L), priceScale + 1);
            } catch (ArithmeticException overflow) {
                // fall through: a price near the long range, exact as far as a Decimal allows
            }
        }
        return Decimals.roundToFit(BigDecimal.valueOf(sum, priceScale).divide(BigDecimal.valueOf(2)), priceScale + 1);
    }

    /** Exact up to {@link #DEPTH_SCALE} decimals (floored beyond), trailing zeros dropped down to cents. */
    private static Decimal usd(BigDecimal exact, int exactScale) {
        if (exact.signum() == 0) {
            return ZERO_USD;
        }
        BigDecimal v = Decimals.floor(exact, Math.max(2, Math.min(exactScale, DEPTH_SCALE))).toBigDecimal()
                .stripTrailingZeros();
        return Decimals.halfEven(v.scale() < 2 ? v.setScale(2) : v, Math.max(2, v.scale()));
    }
}
