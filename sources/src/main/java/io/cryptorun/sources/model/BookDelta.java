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
        long checksum) implements BookLevels {

    @Override
    public boolean equals(Object o) {
        return o instanceof BookDelta x && BookLevels.sameLevels(this, x);
    }

    @Override
    public int hashCode() {
        return BookLevels.hash(this);
    }

    @Override
    public String toString() {
        return BookLevels.text("BookDelta", this);
    }
}
