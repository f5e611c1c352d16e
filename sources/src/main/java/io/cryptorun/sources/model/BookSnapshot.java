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
        long checksum) {

    public static final long NO_CHECKSUM = -1L;

    @Override
    public boolean equals(Object o) {
        return o instanceof BookSnapshot x && header.equals(x.header) && priceScale == x.priceScale && qtyScale == x.qtyScale
                && checksum == x.checksum && java.util.Arrays.equals(bidPrices, x.bidPrices)
                && java.util.Arrays.equals(bidQtys, x.bidQtys) && java.util.Arrays.equals(askPrices, x.askPrices)
                && java.util.Arrays.equals(askQtys, x.askQtys);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(header, priceScale, qtyScale, checksum, java.util.Arrays.hashCode(bidPrices),
                java.util.Arrays.hashCode(askPrices));
    }

    @Override
    public String toString() {
        return "BookSnapshot[" + header + ", scales=" + priceScale + "/" + qtyScale + ", bids=" + BookLevelsText.of(bidPrices, bidQtys)
                + ", asks=" + BookLevelsText.of(askPrices, askQtys) + ", checksum=" + checksum + "]";
    }
}
