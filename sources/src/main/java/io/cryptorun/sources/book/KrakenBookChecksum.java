package io.cryptorun.sources.book;

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
        int na = Math.min(LEVELS, book.askCount);
        for (int i = 0; i < na; i++) {
            pos = writeDigits(book.askPx[i], pos);
            pos = writeDigits(book.askQty[i], pos);
        }
        int nb = Math.min(LEVELS, book.bidCount);
        for (int i = 0; i < nb; i++) {
            pos = writeDigits(book.bidPx[i], pos);
            pos = writeDigits(book.bidQty[i], pos);
        }
        crc.reset();
        crc.update(buf, 0, pos);
        return crc.getValue();
    }

    /** Writes the decimal digits of a non-negative value; 0 renders as "0" (never occurs in a book). */
    private int writeDigits(long v, int pos) {
        if (v < 0) {
            throw new IllegalStateException("negative value in book: " + v);
        }
        int len = 1;
        for (long t = v; t >= 10; t /= 10) {
            len++;
        }
        int end = pos + len;
        int i = end;
        do {
            buf[--i] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        return end;
    }
}
