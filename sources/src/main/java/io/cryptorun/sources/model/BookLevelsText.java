package io.cryptorun.sources.model;

/** Readable rendering of parallel price/qty arrays for logs and test failures. */
final class BookLevelsText {
    private BookLevelsText() {}

    static String of(long[] prices, long[] qtys) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < prices.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(prices[i]).append('x').append(qtys[i]);
        }
        return sb.append(']').toString();
    }
}
