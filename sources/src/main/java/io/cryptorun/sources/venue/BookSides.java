package io.cryptorun.sources.venue;

import io.cryptorun.sources.decimal.ExactMath;
import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.QuarantineReason;
import java.util.Arrays;

/**
 * Scratch for the levels of one book message, reused across frames: exact values with per-value
 * scales, emitted with one common price scale and one common qty scale per message (the largest
 * any level used), as {@link BookSnapshot} and {@link BookDelta} require.
 */
public final class BookSides {
    public final Levels bids = new Levels();
    public final Levels asks = new Levels();

    public void reset() {
        bids.reset();
        asks.reset();
    }

    public boolean isEmpty() {
        return bids.n == 0 && asks.n == 0;
    }

    public BookSnapshot snapshot(EventHeader h) throws BadFrame {
        return snapshot(h, BookSnapshot.NO_CHECKSUM);
    }

    /** @param checksum the venue's checksum for the book after this message, or {@link BookSnapshot#NO_CHECKSUM} */
    public BookSnapshot snapshot(EventHeader h, long checksum) throws BadFrame {
        int ps = priceScale(h.symbol());
        int qs = Math.max(bids.maxQtyScale(), asks.maxQtyScale());
        return new BookSnapshot(h, ps, qs, bids.prices(ps), bids.qtys(qs), asks.prices(ps), asks.qtys(qs), checksum);
    }

    public BookDelta delta(EventHeader h) throws BadFrame {
        return delta(h, BookSnapshot.NO_CHECKSUM);
    }

    public BookDelta delta(EventHeader h, long checksum) throws BadFrame {
        int ps = priceScale(h.symbol());
        int qs = Math.max(bids.maxQtyScale(), asks.maxQtyScale());
        return new BookDelta(h, ps, qs, bids.prices(ps), bids.qtys(qs), asks.prices(ps), asks.qtys(qs), checksum);
    }

    /** Validates that every value fits the common scales; returns the price scale. */
    private int priceScale(String symbol) throws BadFrame {
        int ps = Math.max(bids.maxPriceScale(), asks.maxPriceScale());
        int qs = Math.max(bids.maxQtyScale(), asks.maxQtyScale());
        if (!bids.fits(ps, qs) || !asks.fits(ps, qs)) {
            throw new BadFrame(QuarantineReason.INVALID_NUMBER, symbol, "book values overflow a common scale");
        }
        return ps;
    }

    /** Growable exact levels of one side, in venue order. */
    public static final class Levels {
        private static final long[] EMPTY = new long[0];
        int n;
        long[] pm = new long[32];
        int[] ps = new int[32];
        long[] qm = new long[32];
        int[] qs = new int[32];

        void reset() {
            n = 0;
        }

        public int size() {
            return n;
        }

        public void add(long priceMant, int priceScale, long qtyMant, int qtyScale) {
            if (n == pm.length) {
                pm = Arrays.copyOf(pm, n * 2);
                ps = Arrays.copyOf(ps, n * 2);
                qm = Arrays.copyOf(qm, n * 2);
                qs = Arrays.copyOf(qs, n * 2);
            }
            pm[n] = priceMant;
            ps[n] = priceScale;
            qm[n] = qtyMant;
            qs[n] = qtyScale;
            n++;
        }

        int maxPriceScale() {
            int m = 0;
            for (int i = 0; i < n; i++) m = Math.max(m, ps[i]);
            return m;
        }

        int maxQtyScale() {
            int m = 0;
            for (int i = 0; i < n; i++) m = Math.max(m, qs[i]);
            return m;
        }

        boolean fits(int priceScale, int qtyScale) {
            try {
                for (int i = 0; i < n; i++) {
                    ExactMath.rescale(pm[i], ps[i], priceScale);
                    ExactMath.rescale(qm[i], qs[i], qtyScale);
                }
                return true;
            } catch (ArithmeticException overflow) {
                return false;
            }
        }

        long[] prices(int scale) {
            if (n == 0) return EMPTY;
            long[] out = new long[n];
            for (int i = 0; i < n; i++) out[i] = ExactMath.rescale(pm[i], ps[i], scale);
            return out;
        }

        long[] qtys(int scale) {
            if (n == 0) return EMPTY;
            long[] out = new long[n];
            for (int i = 0; i < n; i++) out[i] = ExactMath.rescale(qm[i], qs[i], scale);
            return out;
        }
    }
}
