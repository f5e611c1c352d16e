package io.cryptorun.sources.json;

/**
 * Returns the same {@link String} instance for repeated short texts (channel names, message
 * types, symbols, sides) read from a parser's character buffer, so the frame hot path does not
 * allocate a new String for each. A small direct-mapped cache: a collision just replaces the slot.
 * Not thread-safe; one per parser.
 */
public final class TextCache {
    private static final int SLOTS = 512;
    private final String[] slots = new String[SLOTS];

    public String get(char[] buf, int off, int len) {
        int h = 0;
        for (int i = 0; i < len; i++) {
            h = 31 * h + buf[off + i];
        }
        int idx = (h ^ (h >>> 16)) & (SLOTS - 1);
        String s = slots[idx];
        if (s != null && matches(s, buf, off, len)) {
            return s;
        }
        s = new String(buf, off, len);
        slots[idx] = s;
        return s;
    }

    private static boolean matches(String s, char[] buf, int off, int len) {
        if (s.length() != len) return false;
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != buf[off + i]) return false;
        }
        return true;
    }
}
