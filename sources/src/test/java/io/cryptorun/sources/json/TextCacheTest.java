package io.cryptorun.sources.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The preloaded-text index of {@link TextCache}: found by (length, first char), never evicted. */
class TextCacheTest {

    private static String of(TextCache c, String text) {
        char[] b = (" " + text + " ").toCharArray(); // not at offset 0, not the whole array
        return c.get(b, 1, text.length());
    }

    @Test
    void preloadedTextsSharingLengthAndFirstCharAreEachFound() {
        String price = new String("price".toCharArray());
        String prize = new String("prize".toCharArray());
        String pxice = new String("Price".toCharArray()); // 'P' & 31 == 'p' & 31: same slot of the index
        TextCache c = new TextCache(price, prize, pxice);
        assertThat(of(c, "price")).isSameAs(price);
        assertThat(of(c, "prize")).isSameAs(prize);
        assertThat(of(c, "Price")).isSameAs(pxice);
        assertThat(c.known("prices".toCharArray(), 0, 6)).isNull();
        assertThat(c.known("pric".toCharArray(), 0, 4)).isNull();
        assertThat(c.known(new char[0], 0, 0)).isNull();
    }

    @Test
    void aPreloadedTextSurvivesACollidingText() {
        // "Aa" and "BB" have the same String hash, so they take the same slot of the hashed cache
        String aa = new String("Aa".toCharArray());
        TextCache c = new TextCache(aa);
        String bb = of(c, "BB");
        assertThat(bb).isEqualTo("BB");
        assertThat(of(c, "BB")).isSameAs(bb);
        assertThat(of(c, "Aa")).isSameAs(aa);
    }

    @Test
    void aCacheWithoutPreloadStillReusesTexts() {
        TextCache c = new TextCache();
        String first = of(c, "BTC/USD");
        assertThat(first).isEqualTo("BTC/USD");
        assertThat(of(c, "BTC/USD")).isSameAs(first);
        assertThat(c.known("BTC/USD".toCharArray(), 0, 7)).isNull();
    }
}
