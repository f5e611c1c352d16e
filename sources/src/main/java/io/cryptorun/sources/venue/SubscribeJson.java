package io.cryptorun.sources.venue;

import java.util.List;

/**
 * The one piece of JSON the venues' subscribe messages share. Symbols reach it validated to
 * {@code [A-Z0-9]+/[A-Z0-9]+} and mapped to the venue's spelling, so nothing needs escaping.
 */
public final class SubscribeJson {
    private SubscribeJson() {}

    /** {@code ["a","b"]}. */
    public static String array(List<String> symbols) {
        return "[\"" + String.join("\",\"", symbols) + "\"]";
    }
}
