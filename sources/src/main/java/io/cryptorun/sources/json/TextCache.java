package io.cryptorun.sources.json;

import java.util.Arrays;

/**
 * Returns the same {@link String} instance for repeated short texts (field names, channel names,
 * message types, symbols, sides) read from a parser's character buffer, so the frame hot path does
 * not allocate a new String for each. A small direct-mapped cache: a collision just replaces the
 * slot. Not thread-safe; one per parser.
 *
 * <p>The texts given up front (the constants a parser switches on: its field names, channels,
 * types) are also kept in a fixed index by (length, first char), which is looked up first: a
 * known text is found by comparing its chars once, with no hash pass over them, and is never
 * evicted by a collision.
 */
public final class TextCache {
    private static final int SLOTS = 512;
    private final String[] slots = new String[SLOTS];
    // the chars of each slot's String: comparing arrays avoids String.charAt's per-char coder and bounds checks
    private final char[][] keys = new char[SLOTS][];

    /**
     * (length, first char) → the preloaded texts with that key, and their chars; {@code null} where
     * none, and both arrays null for a cache without preloaded texts.
     */
    private final String[][] known;
    private final char[][][] knownChars;
    private static final int KNOWN_SLOTS = 32 * 32;

    public TextCache() {
        known = null;
        knownChars = null;
    }

    /**
     * A cache that starts out holding {@code preload}, typically the string constants a caller
     * compares against: handing back those very instances lets {@code equals} and string
     * {@code switch} succeed on the identity check instead of comparing chars.
     */
    public TextCache(String... preload) {
        known = preload.length == 0 ? null : new String[KNOWN_SLOTS][];
        knownChars = preload.length == 0 ? null : new char[KNOWN_SLOTS][][];
        for (String s : preload) {
            char[] chars = s.toCharArray();
            int idx = slot(s.hashCode());
            slots[idx] = s;
            keys[idx] = chars;
            if (!s.isEmpty() && known(chars, 0, chars.length) == null) {
                int k = knownSlot(chars, 0, chars.length);
                int n = known[k] == null ? 0 : known[k].length;
                known[k] = Arrays.copyOf(known[k] == null ? new String[0] : known[k], n + 1);
                knownChars[k] = Arrays.copyOf(knownChars[k] == null ? new char[0][] : knownChars[k], n + 1);
                known[k][n] = s;
                knownChars[k][n] = chars;
            }
        }
    }

    public String get(char[] buf, int off, int len) {
        String k = known(buf, off, len);
        return k != null ? k : get(buf, off, len, hash(buf, off, len));
    }

    /** The preloaded text equal to {@code buf[off ..+ len]}, or null when it is not one of them. */
    public String known(char[] buf, int off, int len) {
        if (len == 0 || knownChars == null) return null;
        int k = knownSlot(buf, off, len);
        char[][] cands = knownChars[k];
        if (cands == null) return null;
        for (int i = 0; i < cands.length; i++) {
            char[] c = cands[i];
            if (c.length == len && matches(c, buf, off, len)) return known[k][i];
        }
        return null;
    }

    private static int knownSlot(char[] buf, int off, int len) {
        return ((len & 31) << 5) | (buf[off] & 31);
    }

    /** As {@link #get(char[], int, int)} with the text's {@link #hash} already known, skipping the preloaded index. */
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
