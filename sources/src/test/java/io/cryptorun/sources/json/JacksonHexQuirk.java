package io.cryptorun.sources.json;

/**
 * The one place {@link JsonCursor} is deliberately stricter than Jackson 2.17, for tests that
 * compare the two: Jackson reads a {@code \\u} escape's digits through
 * {@code sHexValues[ch & 0xFF]}, so a non-ASCII char whose low byte is the code of a hex digit
 * (U+0436 'ж' for '6') passes as that digit. RFC 8259 allows only hex digits.
 */
public final class JacksonHexQuirk {
    private static final String MARK = "bad \\u escape at char ";

    private JacksonHexQuirk() {}

    /** True if {@code cursorError} (a JsonCursor message, possibly wrapped) is a rejection Jackson skips over this way. */
    public static boolean explains(String doc, String cursorError) {
        int at = cursorError == null ? -1 : cursorError.indexOf(MARK);
        if (at < 0) return false;
        int end = at + MARK.length();
        while (end < cursorError.length() && Character.isDigit(cursorError.charAt(end))) end++;
        int backslash = Integer.parseInt(cursorError.substring(at + MARK.length(), end));
        for (int i = backslash + 2; i < Math.min(doc.length(), backslash + 6); i++) {
            char ch = doc.charAt(i);
            if (ch > 0x7f && Character.digit(ch & 0xFF, 16) >= 0 && (ch & 0xFF) < 0x80) return true;
        }
        return false;
    }
}
