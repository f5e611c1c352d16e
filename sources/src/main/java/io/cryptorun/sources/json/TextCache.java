package io.cryptorun.sources.json;

import java.util.Arrays;

/**
 * Returns the same {@link String} instance for repeated short texts (field names, channel names,
 * message types, symbols, sides) read from a parser's character buffer, so the frame hot path does
 * not allocate a new String for each. A small direct-mapped cache: a collision just replaces the
 * slot. Not thread-safe; one per parser.
 */
public final class TextCache {
    private static final int SLOTS = 512;
    private final String[] slots = new String[SLOTS];
    // the chars of each slot's String: comparing arrays avoids String.charAt's per-char coder and bounds checks
    private final char[][] keys = new char[SLOTS][];

    public TextCache() {}

    /**
     * A cache that starts out holding {@code preload}, typically the string constants a caller
     * compares against: handing back those very instances lets {@code equals} and string
     * {@code switch} succeed on the identity check instead of comparing chars.
     */
    public TextCache(String... preload) {
        for (String s : preload) {
            char[] chars = s.toCharArray();
            int idx = slot(s.hashCode());
            slots[idx] = s;
            keys[idx] = chars;
        }
    }

    public String get(char[] buf, int off, int len) {
        return get(buf, off, len, hash(buf, off, len));
    }

    /** As {@link #get(char[], int, int)} with the text's {@link #hash} already known (a tokenizer computes it while scanning). */
    public String get(char[] buf, int off, int len, int hash) {
        int idx = slot(hash);
        char[] key = keys[idx];
        if (key != null && key.length == len && matches(key, buf, off, len)) {
            return slots[idx];
        }
        String s = new String(buf, off, len);
        keys[idx] = Arrays.copyOfRange(buf, off, off + len);
        slots[idx] = s;
        return s;
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }

    // a plain loop: the texts are a few chars, too short to pay for Arrays.equals' range checks and setup
    private static boolean matches(char[] key, char[] buf, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (key[i] != buf[off + i]) return false;
        }
        return true;
    }

    /** The hash {@link #get(char[], int, int, int)} expects: {@link String#hashCode()}'s, over the chars. */
    public static int hash(char[] buf, int off, int len) {
        int h = 0;
        for (int i = 0; i < len; i++) {
            h = 31 * h + buf[off + i];
        }
        return h;
    }
}
