package io.cryptorun.sources.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The exact level encoding a {@link BookSnapshot} and a {@link BookDelta} share: a header, the
 * price and quantity scales, and per side parallel arrays of unscaled prices and quantities (plus
 * the venue checksum, or {@link BookSnapshot#NO_CHECKSUM}). Records compare arrays by identity,
 * so both define value equality, hashing and text through the helpers here.
 */
public interface BookLevels {
    EventHeader header();

    int priceScale();

    int qtyScale();

    long[] bidPrices();

    long[] bidQtys();

    long[] askPrices();

    long[] askQtys();

    long checksum();

    /** Value equality of the shared components (the caller checks that both have the same type). */
    static boolean sameLevels(BookLevels a, BookLevels b) {
        return a.header().equals(b.header()) && a.priceScale() == b.priceScale() && a.qtyScale() == b.qtyScale()
                && a.checksum() == b.checksum() && Arrays.equals(a.bidPrices(), b.bidPrices())
                && Arrays.equals(a.bidQtys(), b.bidQtys()) && Arrays.equals(a.askPrices(), b.askPrices())
                && Arrays.equals(a.askQtys(), b.askQtys());
    }

    /** A hash consistent with {@link #sameLevels}. */
    static int hash(BookLevels a) {
        return Objects.hash(a.header(), a.priceScale(), a.qtyScale(), a.checksum(), Arrays.hashCode(a.bidPrices()),
                Arrays.hashCode(a.askPrices()));
    }

    /** {@code Kind[header, scales=p/q, bids=…, asks=…, checksum=c]}. */
    static String text(String kind, BookLevels a) {
        return kind + "[" + a.header() + ", scales=" + a.priceScale() + "/" + a.qtyScale() + ", bids="
                + BookLevelsText.of(a.bidPrices(), a.bidQtys()) + ", asks=" + BookLevelsText.of(a.askPrices(), a.askQtys())
                + ", checksum=" + a.checksum() + "]";
    }
}
