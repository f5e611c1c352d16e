package io.cryptorun.sources.model;

/**
 * A full book as sent by the venue. Levels are exact: {@code prices[i] × 10^-priceScale} and
 * {@code qtys[i] × 10^-qtyScale}, one common scale per message, bids and asks in venue order.
 *
 * @param checksum the venue checksum as an unsigned 32-bit value, or {@link #NO_CHECKSUM}
 */
public record BookSnapshot(
        EventHeader header,
        int priceScale,
        int qtyScale,
        long[] bidPrices,
        long[] bidQtys,
        long[] askPrices,
        long[] askQtys,
        long checksum) implements BookLevels {

    public static final long NO_CHECKSUM = -1L;

    @Override
    public boolean equals(Object o) {
        return o instanceof BookSnapshot x && BookLevels.sameLevels(this, x);
    }

    @Override
    public int hashCode() {
        return BookLevels.hash(this);
    }

    @Override
    public String toString() {
        return BookLevels.text("BookSnapshot", this);
    }
}
