package io.cryptorun.sources.venue;

import io.cryptorun.sources.decimal.ExactMath;
import io.cryptorun.sources.decimal.MutableDecimal;
import io.cryptorun.sources.json.JsonCursor;
import io.cryptorun.sources.json.JsonCursor.Token;
import io.cryptorun.sources.json.JsonException;
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

    /** Reads {@code [[side, price, qty, ...], ...]} (Coinbase and Gemini changes); the cursor is on {@code t}. */
    public void readSidedLevels(JsonCursor p, Token t, MutableDecimal num, String symbol) throws JsonException, BadFrame {
        if (t != Token.START_ARRAY) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, symbol, "changes are not an array");
        }
        while ((t = p.nextToken()) != Token.END_ARRAY) {
            if (t != Token.START_ARRAY) {
                throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, symbol, "change is not an array");
            }
            readSidedLevel(p, num, symbol);
        }
    }

    /**
     * Reads one level written as {@code [side, price, qty, ...]} (Coinbase, Gemini changes), the
     * cursor just past its START_ARRAY: side {@code buy} → bids, {@code sell} → asks.
     */
    public void readSidedLevel(JsonCursor p, MutableDecimal num, String symbol) throws JsonException, BadFrame {
        Token t = p.nextToken();
        if (t == Token.END_ARRAY) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, symbol, "level without side");
        }
        if (t != Token.VALUE_STRING) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, symbol, "level side is not a string");
        }
        Levels side = textIs(p, "buy") ? bids : textIs(p, "sell") ? asks : null;
        if (side == null) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, symbol, "level side '" + p.text() + "'");
        }
        side.readArrayLevel(p, num, symbol);
    }

    private static boolean textIs(JsonCursor p, String word) throws JsonException {
        if (p.textLength() != word.length()) return false;
        char[] b = p.textChars();
        int off = p.textOffset();
        for (int i = 0; i < word.length(); i++) {
            if (b[off + i] != word.charAt(i)) return false;
        }
        return true;
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
        // the scales' range, kept as levels are added: when every level already has the message's
        // common scale (the usual case), the common-scale pass is a plain copy, with no overflow check
        private int minPs;
        private int maxPs;
        private int minQs;
        private int maxQs;

        Levels() {
            reset();
        }

        void reset() {
            n = 0;
            minPs = minQs = Integer.MAX_VALUE;
            maxPs = maxQs = 0;
        }

        public int size() {
            return n;
        }

        /** Reads {@code [[price, qty, ...], ...]} (a side of a Coinbase or Bitstamp book); the cursor is on {@code t}. */
        public void readArrayLevels(JsonCursor p, Token t, MutableDecimal num, String symbol) throws JsonException, BadFrame {
            if (t != Token.START_ARRAY) {
                throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, symbol, "book side is not an array");
            }
            while ((t = p.nextToken()) != Token.END_ARRAY) {
                if (t != Token.START_ARRAY) {
                    throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, symbol, "book level is not an array");
                }
                readArrayLevel(p, num, symbol);
            }
        }

        /**
         * Reads one level written as {@code [price, qty, ...]} (extra elements skipped), the
         * cursor just before the price; exact numbers, checked like every venue's levels.
         */
        public void readArrayLevel(JsonCursor p, MutableDecimal num, String symbol) throws JsonException, BadFrame {
            Token t = p.nextToken();
            if (t == Token.END_ARRAY) {
                throw new BadFrame(QuarantineReason.MISSING_FIELD, symbol, "level without price");
            }
            FrameReads.decimal(p, t, num, symbol, "price");
            long pm = num.unscaled;
            int ps = num.scale;
            t = p.nextToken();
            if (t == Token.END_ARRAY) {
                throw new BadFrame(QuarantineReason.MISSING_FIELD, symbol, "level without qty");
            }
            FrameReads.decimal(p, t, num, symbol, "qty");
            long qm = num.unscaled;
            int qs = num.scale;
            FrameReads.checkLevel(pm, ps, qm, qs, symbol);
            while (p.nextToken() != Token.END_ARRAY) {
                p.skipChildren(); // venues may append fields (e.g. Coinbase's authenticated level2)
            }
            add(pm, ps, qm, qs);
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
            if (priceScale < minPs) minPs = priceScale;
            if (priceScale > maxPs) maxPs = priceScale;
            if (qtyScale < minQs) minQs = qtyScale;
            if (qtyScale > maxQs) maxQs = qtyScale;
        }

        /** The largest price scale of a level, 0 when there is none. */
        int maxPriceScale() {
            return maxPs;
        }

        /** The largest qty scale of a level, 0 when there is none. */
        int maxQtyScale() {
            return maxQs;
        }

        private boolean allPricesAt(int scale) {
            return minPs == scale && maxPs == scale;
        }

        private boolean allQtysAt(int scale) {
            return minQs == scale && maxQs == scale;
        }

        boolean fits(int priceScale, int qtyScale) {
            if (n == 0 || (allPricesAt(priceScale) && allQtysAt(qtyScale))) {
                return true; // nothing to rescale
            }
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
            if (allPricesAt(scale)) return Arrays.copyOf(pm, n);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) out[i] = ExactMath.rescale(pm[i], ps[i], scale);
            return out;
        }

        long[] qtys(int scale) {
            if (n == 0) return EMPTY;
            if (allQtysAt(scale)) return Arrays.copyOf(qm, n);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) out[i] = ExactMath.rescale(qm[i], qs[i], scale);
            return out;
        }
    }
}
