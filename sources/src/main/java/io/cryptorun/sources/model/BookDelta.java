package io.cryptorun.sources.model;

/**
 * Incremental book changes: each level replaces the quantity at its price, qty 0 removes it.
 * Same exact level encoding as {@link BookSnapshot}; applied in the order given.
 */
public record BookDelta(
        EventHeader header,
        int priceScale,
        int qtyScale,
        long[] bidPrices,
        long[] bidQtys,
        long[] askPrices,
        long[] askQtys,
        long checksum) {

    @Override
    public boolean equals(Object o) {
        return o instanceof BookDelta x && header.equals(x.header) && priceScale == x.priceScale && qtyScale == x.qtyScale
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
        return "BookDelta[" + header + ", scales=" + priceScale + "/" + qtyScale + ", bids=" + BookLevelsText.of(bidPrices, bidQtys)
                + ", asks=" + BookLevelsText.of(askPrices, askQtys) + ", checksum=" + checksum + "]";
    }
}
