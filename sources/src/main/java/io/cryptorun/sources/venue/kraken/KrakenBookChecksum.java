package io.cryptorun.sources.venue.kraken;

import io.cryptorun.sources.book.OrderBook;
import java.util.zip.CRC32;

/**
 * Kraken WebSocket v2 book checksum: CRC32 over the top 10 asks (low→high) then the top 10 bids
 * (high→low), each level as price then qty rendered at the instrument's precision with the
 * decimal point and leading zeros removed. With prices and quantities held as unscaled longs at
 * exactly those precisions, that rendering is simply the decimal digits of the long, so the
 * checksum needs no string building: digits go straight into a reused byte buffer.
 *
 * <p>Not thread-safe; one instance per operator instance.
 */
public final class KrakenBookChecksum {
    public static final int LEVELS = 10;

    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[LEVELS * 2 * 2 * 20];

    /** The checksum of the book's current top of book, as an unsigned 32-bit value. */
    public long compute(OrderBook book) {
        int pos = 0;
        int na = Math.min(LEVELS, book.askCount());
        for (int i = 0; i < na; i++) {
            pos = writeDigits(book.askPrice(i), pos);
            pos = writeDigits(book.askQty(i), pos);
        }
        int nb = Math.min(LEVELS, book.bidCount());
        for (int i = 0; i < nb; i++) {
            pos = writeDigits(book.bidPrice(i), pos);
            pos = writeDigits(book.bidQty(i), pos);
        }
        crc.reset();
        crc.update(buf, 0, pos);
        return crc.getValue();
    }

    private static final long[] POW10 = new long[19];
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++, p *= 10) POW10[i] = p;
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    /**
     * Writes the decimal digits of a non-negative value. This is the checksum's whole cost: 20
     * levels × 2 numbers × ~8 digits per update, each digit one step of a dependent division
     * chain. So the length comes from the bit length (no division) and digits go out two per
     * division through a pair table, halving the chain.
     */
    private int writeDigits(long v, int pos) {
        if (v < 0) {
            throw new IllegalStateException("negative value in book: " + v);
        }
        int end = pos + digitCount(v);
        int i = end;
        while (v >= 100) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            buf[--i] = ONES[r];
            buf[--i] = TENS[r];
            v = q;
        }
        if (v >= 10) {
            buf[--i] = ONES[(int) v];
            buf[--i] = TENS[(int) v];
        } else {
            buf[--i] = (byte) ('0' + v);
        }
        return end;
    }

    /** Number of decimal digits of {@code v ≥ 0} ("0" has one): log10 estimated from the bit length. */
    static int digitCount(long v) {
        int bits = 64 - Long.numberOfLeadingZeros(v | 1);
        int approx = (bits * 1233) >>> 12; // 1233/4096 ≈ log10(2)
        return Math.max(1, approx + (v >= POW10[approx] ? 1 : 0));
    }
}
