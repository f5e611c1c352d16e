package io.cryptorun.sources.json;

import io.cryptorun.sources.decimal.ExactMath;
import io.cryptorun.sources.decimal.MutableDecimal;
import java.util.Arrays;

/**
 * A reusable, strict (RFC 8259) pull tokenizer over one JSON text held in a String, built for the
 * frame hot path: after warm-up, reading a document allocates nothing — the text is copied into a
 * reused buffer, strings without escapes are handed out in place, field names come from a
 * {@link TextCache}, and nesting is tracked in a fixed array.
 *
 * <p>The API is the subset of Jackson's {@code JsonParser} the venue adapters use, with the same
 * token sequence for the same input, so code moves over line for line. Deliberately matching
 * Jackson (with its strict defaults) where RFC 8259 leaves room or where adapters could observe
 * the difference:
 * <ul>
 *   <li>an empty or all-whitespace text yields no tokens ({@link #nextToken()} returns null);
 *   <li>string values are scanned lazily — when their text is asked for, or on the next token —
 *       so a caller that rejects a value by its type alone does so before a syntax error inside it
 *       is seen (adapters map the two to different quarantine reasons);
 *   <li>{@code \}{@code uXXXX} escapes are decoded to the UTF-16 unit they name, so an escaped
 *       surrogate pair becomes the pair and an unpaired surrogate passes through;
 *   <li>a literal directly followed by an identifier character ({@code truex}), and a root-level
 *       number directly followed by anything but whitespace ({@code 1{}}), are rejected at that
 *       token rather than at the next;
 *   <li>numbers may have at most {@value #MAX_NUMBER_DIGITS} digits and names at most
 *       {@value #MAX_NAME_LENGTH} chars (Jackson's default stream constraints).
 * </ul>
 * Unlike Jackson, content after the root value (even another value) is an error, and a
 * {@code \}{@code u} escape must have four ASCII hex digits (Jackson 2.17 masks each char to its
 * low byte, so it takes U+0436 for '6').
 *
 * <p>Errors throw {@link JsonException}; after one, the cursor must be {@link #reset} before reuse.
 * Not thread-safe.
 */
public final class JsonCursor {

    /** Token kinds, named as Jackson's {@code JsonToken}. */
    public enum Token {
        START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, FIELD_NAME, VALUE_STRING, VALUE_NUMBER_INT,
        VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL
    }

    public static final int DEFAULT_MAX_DEPTH = 64;
    /** Digits (integer + fraction + exponent) a number may have; Jackson's default limit. */
    public static final int MAX_NUMBER_DIGITS = 1000;
    /** Chars a field name may have; Jackson's default limit. */
    public static final int MAX_NAME_LENGTH = 50_000;

    /**
     * Buffers beyond this many chars are dropped at the next {@link #reset} with a smaller text, so
     * one huge frame does not pin megabytes per reader for the life of the job.
     */
    static final int RETAIN_CHARS = 1 << 18;

    /**
     * Stored just past the text. It is neither a digit, whitespace, nor allowed raw in a string, so
     * the hot scan loops stop on it without checking for the end on every char; only the paths
     * they exit to check whether they stopped at the end or at a real char.
     */
    private static final char SENTINEL = '\0';

    private static final int SCAN_NAME = 0;
    private static final int SCAN_VALUE = 1;
    private static final int SCAN_SKIP = 2;

    private final int maxDepth;
    private final TextCache names;
    /** objectAt[d]: the container at depth d (1-based) is an object rather than an array. */
    private final boolean[] objectAt;
    private int depth;
    /** The current container (or the root) has just completed a value: a separator or its end must follow. */
    private boolean valueDone;
    /** A FIELD_NAME was returned and its colon consumed: the next token must be its value. */
    private boolean afterName;

    private char[] buf = new char[512];
    private int end;
    private int pos;

    private Token token;
    private char[] text;
    private int textOff;
    private int textLen;
    /** The current VALUE_STRING has not been scanned yet; its body starts at {@link #pos}. */
    private boolean stringPending;
    private char[] valueScratch = new char[128];

    private boolean hasName;
    private char[] nameText;
    private int nameOff;
    private int nameLen;
    private String name;
    // separate from valueScratch so the name stays readable while on its value
    private char[] nameScratch = new char[64];

    // results of scanString, to avoid allocating a holder
    private char[] scanChars;
    private int scanOff;
    private int scanLen;

    public JsonCursor() {
        this(DEFAULT_MAX_DEPTH);
    }

    public JsonCursor(int maxDepth) {
        this(maxDepth, new TextCache());
    }

    /**
     * @param maxDepth deepest nesting of arrays and objects accepted (the root container is depth 1)
     * @param names    cache that field names are interned through
     */
    public JsonCursor(int maxDepth, TextCache names) {
        if (maxDepth < 1) throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
        this.maxDepth = maxDepth;
        this.names = names;
        this.objectAt = new boolean[maxDepth + 1];
    }

    /** Starts reading {@code json} from its beginning, reusing this cursor's buffers. */
    public JsonCursor reset(String json) {
        int n = json.length();
        if (buf.length <= n) {
            buf = new char[Math.max(n + 1, buf.length * 2)];
        } else if (buf.length > RETAIN_CHARS && n < RETAIN_CHARS) {
            buf = new char[Math.max(512, n + 1)];
        }
        if (valueScratch.length > RETAIN_CHARS) valueScratch = new char[128];
        if (nameScratch.length > RETAIN_CHARS) nameScratch = new char[64];
        json.getChars(0, n, buf, 0);
        buf[n] = SENTINEL;
        end = n;
        pos = 0;
        depth = 0;
        valueDone = false;
        afterName = false;
        token = null;
        text = null;
        stringPending = false;
        hasName = false;
        name = null;
        return this;
    }

    /** The next token, or null at the end of the text (after the root value, or for an empty text). */
    public Token nextToken() throws JsonException {
        if (stringPending) {
            stringPending = false;
            scanString(SCAN_SKIP);
        }
        int c = skipWhitespace();
        // one call site each for value, name and close, so the JIT inlines each once, not per branch
        if (afterName) {
            afterName = false;
        } else if (depth == 0) {
            if (valueDone) {
                if (c >= 0) throw error("content after the root value: " + describe(c), pos);
                return token = null;
            }
            if (c < 0) return token = null;
        } else {
            if (valueDone ? c != ',' : (c == '}' || c == ']')) return token = close(c);
            if (valueDone) {
                pos++;
                c = skipWhitespace();
            }
            if (objectAt[depth]) return token = name(c);
        }
        return token = value(c);
    }

    public Token currentToken() {
        return token;
    }

    /**
     * The most recent field name (valid on its FIELD_NAME token and on the value that follows), or
     * null before any. Repeated names return the same String instance.
     */
    public String currentName() {
        if (!hasName) return null;
        if (name == null) name = names.get(nameText, nameOff, nameLen);
        return name;
    }

    /**
     * The current token's text lives in {@code textChars()[textOffset() ..+ textLength()]}: a
     * string's unescaped content, a field name, a number exactly as written, or the literal or
     * bracket itself. Valid until the next call to {@link #nextToken()} or {@link #skipChildren()}.
     */
    public char[] textChars() throws JsonException {
        finishString();
        return text;
    }

    public int textOffset() throws JsonException {
        finishString();
        return textOff;
    }

    public int textLength() throws JsonException {
        finishString();
        return textLen;
    }

    /**
     * Reads the current VALUE_STRING as an exact decimal in the same pass that scans it, when its
     * content is plain: {@code [-]digits[.digits]} with at most 18 significant digits and at most
     * 18 decimals ({@code ExactMath.MAX_SCALE}) — how venues quote prices and sizes. Returns true with
     * {@code out} set exactly as {@code DecimalParser.parse} would set it from the same content,
     * and the string consumed (its text still readable); false, with nothing consumed, for any
     * other token or content (exponents, escapes, too many digits, bad chars, an unterminated
     * string), which the caller then reads the general way.
     */
    public boolean plainDecimalString(MutableDecimal out) {
        if (!stringPending) return false;
        final char[] b = buf;
        final int start = pos;
        int p = start;
        boolean neg = b[p] == '-';
        if (neg) p++;
        long mant = 0;
        int sig = 0; // significant digits (leading zeros skipped)
        int digits = 0;
        int dot = -1;
        for (;; p++) {
            char c = b[p];
            if (c >= '0' && c <= '9') {
                digits++;
                if (mant == 0 && c == '0') continue;
                if (++sig > 18) return false;
                mant = mant * 10 + (c - '0');
            } else if (c == '.' && dot < 0) {
                dot = p;
            } else if (c == '"') {
                break;
            } else {
                return false; // the sentinel, an escape, a control char, an exponent, a second dot, ...
            }
        }
        if (digits == 0) return false;
        int scale = dot < 0 ? 0 : p - dot - 1;
        if (scale > ExactMath.MAX_SCALE) return false; // the general parser strips zeros beyond it
        stringPending = false;
        pos = p + 1;
        text = b;
        textOff = start;
        textLen = p - start;
        out.unscaled = neg ? -mant : mant;
        out.scale = scale;
        return true;
    }

    /** The current token's text as a new String (null at the end); for cold paths and error details. */
    public String text() throws JsonException {
        if (token == null) return null;
        finishString();
        return new String(text, textOff, textLen);
    }

    /** The current VALUE_NUMBER_INT as an int; a JsonException if it does not fit. */
    public int intValue() throws JsonException {
        return (int) integer(Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    /** The current VALUE_NUMBER_INT as a long; a JsonException if it does not fit. */
    public long longValue() throws JsonException {
        return integer(Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    /**
     * On START_OBJECT or START_ARRAY, skips to the matching end token (which becomes current),
     * still checking the syntax of everything skipped; on any other token does nothing.
     */
    public void skipChildren() throws JsonException {
        if (token != Token.START_OBJECT && token != Token.START_ARRAY) return;
        int target = depth - 1;
        while (depth > target) {
            nextToken(); // end of input inside a container throws, so this terminates
        }
    }

    /** Nesting depth at the current position: 0 at the root, 1 inside the root container, ... */
    public int depth() {
        return depth;
    }

    // ---- tokens -------------------------------------------------------------------------------

    private Token value(int c) throws JsonException {
        switch (c) {
            case '{':
                open(true);
                return Token.START_OBJECT;
            case '[':
                open(false);
                return Token.START_ARRAY;
            case '"':
                pos++;
                stringPending = true;
                valueDone = true;
                return Token.VALUE_STRING;
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
                return number(c);
            case 't':
                return literal("true", Token.VALUE_TRUE);
            case 'f':
                return literal("false", Token.VALUE_FALSE);
            case 'n':
                return literal("null", Token.VALUE_NULL);
            case -1:
                throw error("end of input where a value was expected", pos);
            default:
                throw error("expected a value but found " + describe(c), pos);
        }
    }

    private void open(boolean object) throws JsonException {
        if (depth == maxDepth) throw error("nesting deeper than " + maxDepth, pos);
        objectAt[++depth] = object;
        text = buf;
        textOff = pos;
        textLen = 1;
        pos++;
        valueDone = false;
    }

    private Token close(int c) throws JsonException {
        boolean object = objectAt[depth];
        char expected = object ? '}' : ']';
        if (c == expected) {
            text = buf;
            textOff = pos;
            textLen = 1;
            pos++;
            depth--;
            valueDone = true;
            return object ? Token.END_OBJECT : Token.END_ARRAY;
        }
        String in = object ? "object" : "array";
        if (c < 0) throw error("end of input inside an " + in, pos);
        if (c == '}' || c == ']') throw error("'" + (char) c + "' closes an " + in, pos);
        throw error("expected ',' or '" + expected + "' in " + in + " but found " + describe(c), pos);
    }

    private Token name(int c) throws JsonException {
        if (c != '"') {
            throw error(c < 0 ? "end of input inside an object" : "expected a field name but found " + describe(c), pos);
        }
        int at = pos;
        pos++;
        scanName();
        if (scanLen > MAX_NAME_LENGTH) throw error("field name longer than " + MAX_NAME_LENGTH + " chars", at);
        nameText = text = scanChars;
        nameOff = textOff = scanOff;
        nameLen = textLen = scanLen;
        name = null;
        hasName = true;
        if (skipWhitespace() != ':') throw error("expected ':' after field name", pos);
        pos++;
        afterName = true;
        valueDone = true; // the container's state once the value has been read
        return Token.FIELD_NAME;
    }

    private Token number(int first) throws JsonException {
        final char[] b = buf;
        final int start = pos;
        int p = first == '-' ? start + 1 : start;
        final int intStart = p;
        while (isDigit(b[p])) p++;
        int digits = p - intStart;
        if (digits == 0 || (digits > 1 && b[intStart] == '0')) throw numberError(start);
        boolean fraction = false;
        boolean exponent = false;
        if (b[p] == '.') {
            int s = ++p;
            while (isDigit(b[p])) p++;
            if (p == s) throw numberError(start);
            digits += p - s;
            fraction = true;
        }
        if ((b[p] | 0x20) == 'e') {
            p++;
            if (b[p] == '+' || b[p] == '-') p++;
            int s = p;
            while (isDigit(b[p])) p++;
            if (p == s) throw numberError(start);
            digits += p - s;
            exponent = true;
        }
        if (digits >= MAX_NUMBER_DIGITS || depth == 0) checkNumber(start, intStart, p, digits, fraction != exponent);
        text = b;
        textOff = start;
        textLen = p - start;
        pos = p;
        valueDone = true;
        return fraction || exponent ? Token.VALUE_NUMBER_FLOAT : Token.VALUE_NUMBER_INT;
    }

    /** The rare checks, kept off {@link #number}'s common path. */
    private void checkNumber(int start, int intStart, int p, int digits, boolean oneOfFractionAndExponent) throws JsonException {
        if (digits >= MAX_NUMBER_DIGITS && oneOfFractionAndExponent && (buf[intStart] == '0' || p == end)) {
            // Jackson 2.17 counts such a number (its slow path: leading 0, or the number ends the
            // text) one digit short; mirrored so both readers accept the same texts
            digits--;
        }
        if (digits > MAX_NUMBER_DIGITS) throw error("number with more than " + MAX_NUMBER_DIGITS + " digits", start);
        if (depth == 0 && p < end && !isWhitespace(buf[p])) {
            // reported at the number, as Jackson does: `1{...}` is a bad text, not a number
            throw error("number followed by " + describe(buf[p]), p);
        }
    }

    /** Why the number at {@code start} is malformed (the fast path in {@link #number} only knows that it is). */
    private JsonException numberError(int start) {
        final char[] b = buf;
        final int e = end;
        int p = start;
        if (b[p] == '-') p++;
        if (p >= e) return error("'-' without digits", start);
        if (!isDigit(b[p])) return error("'-' not followed by a digit", start);
        if (b[p] == '0' && p + 1 < e && isDigit(b[p + 1])) return error("number with a leading zero", start);
        while (p < e && isDigit(b[p])) p++;
        if (p < e && b[p] == '.') {
            p++;
            if (p >= e || !isDigit(b[p])) return error("decimal point not followed by a digit", start);
        }
        return error("exponent without digits", start);
    }

    private Token literal(String word, Token t) throws JsonException {
        final int start = pos;
        final int n = word.length();
        if (end - start < n) throw error("unrecognized token", start);
        for (int i = 1; i < n; i++) {
            if (buf[start + i] != word.charAt(i)) throw error("unrecognized token", start);
        }
        int after = start + n;
        if (after < end) {
            char ch = buf[after];
            // Jackson's rule: `true]` and `true,` are fine, `truex` is one bad token rather than two
            if (ch >= '0' && ch != ']' && ch != '}' && Character.isJavaIdentifierPart(ch)) {
                throw error("unrecognized token", start);
            }
        }
        text = buf;
        textOff = start;
        textLen = n;
        pos = after;
        valueDone = true;
        return t;
    }

    private long integer(long min, long max, String type) throws JsonException {
        if (token != Token.VALUE_NUMBER_INT) throw new IllegalStateException("not an integer token: " + token);
        final char[] b = text;
        int p = textOff;
        final int e = p + textLen;
        boolean negative = b[p] == '-';
        if (negative) p++;
        // accumulate negatively so that the minimum value, whose magnitude is one larger, fits
        long limit = negative ? min : -max;
        long multMin = limit / 10;
        long v = 0;
        for (; p < e; p++) {
            int d = b[p] - '0';
            if (v < multMin) throw outOfRange(type);
            v *= 10;
            if (v < limit + d) throw outOfRange(type);
            v -= d;
        }
        return negative ? v : -v;
    }

    private JsonException outOfRange(String type) {
        String digits = textLen <= 40 ? new String(text, textOff, textLen) : new String(text, textOff, 40) + "...";
        return error("number " + digits + " out of range of " + type, textOff);
    }

    // ---- strings ------------------------------------------------------------------------------

    private void finishString() throws JsonException {
        if (stringPending) {
            stringPending = false;
            scanString(SCAN_VALUE);
            text = scanChars;
            textOff = scanOff;
            textLen = scanLen;
        }
    }

    /**
     * Scans a string body from {@link #pos} (just after the opening quote) past its closing quote
     * and leaves its content in scanChars/scanOff/scanLen: in place when it has no escapes, else
     * decoded into the value scratch buffer (SCAN_SKIP only validates).
     */
    private void scanString(int mode) throws JsonException {
        final char[] b = buf;
        final int start = pos;
        int p = start;
        for (;;) {
            char c = b[p];
            if (c == '"') {
                pos = p + 1;
                scanChars = b;
                scanOff = start;
                scanLen = p - start;
                return;
            }
            if (c == '\\' || c < 0x20) break;
            p++;
        }
        scanEscaped(mode, start, p);
    }

    /**
     * As {@link #scanString} for a field name. No hash is computed here: the {@link TextCache}
     * finds the names a parser knows by (length, first char) and hashes only the others.
     */
    private void scanName() throws JsonException {
        final char[] b = buf;
        final int start = pos;
        int p = start;
        for (;;) {
            char c = b[p];
            if (c == '"') {
                pos = p + 1;
                scanChars = b;
                scanOff = start;
                scanLen = p - start;
                return;
            }
            if (c == '\\' || c < 0x20) break;
            p++;
        }
        scanEscaped(SCAN_NAME, start, p);
    }

    /**
     * The rest of a string from {@code p}, the first escape or control char, kept out of the scan
     * loops above so that they stay small enough to inline.
     */
    private void scanEscaped(int mode, int start, int p) throws JsonException {
        final char[] b = buf;
        final int e = end;
        boolean write = mode != SCAN_SKIP;
        char[] out = mode == SCAN_NAME ? nameScratch : valueScratch;
        int n = p - start;
        if (write) {
            if (out.length < n + 16) out = Arrays.copyOf(out, Math.max(n + 16, out.length * 2));
            System.arraycopy(b, start, out, 0, n);
        }
        for (;;) {
            if (p >= e) throw error("unterminated string", start - 1);
            char c = b[p++];
            if (c == '"') break;
            if (c == '\\') {
                if (p >= e) throw error("unterminated string", start - 1);
                char esc = b[p++];
                switch (esc) {
                    case '"', '\\', '/' -> c = esc;
                    case 'b' -> c = '\b';
                    case 'f' -> c = '\f';
                    case 'n' -> c = '\n';
                    case 'r' -> c = '\r';
                    case 't' -> c = '\t';
                    case 'u' -> {
                        if (e - p < 4) throw error("truncated \\u escape", p - 2);
                        int v = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = hex(b[p + i]);
                            if (digit < 0) throw error("bad \\u escape", p - 2);
                            v = (v << 4) | digit;
                        }
                        p += 4;
                        c = (char) v;
                    }
                    default -> throw error("bad escape \\" + describe(esc), p - 2);
                }
            } else if (c < 0x20) {
                throw error("unescaped control character " + describe(c) + " in string", p - 1);
            }
            if (write) {
                if (n == out.length) out = Arrays.copyOf(out, n * 2);
                out[n++] = c;
            }
        }
        pos = p;
        if (mode == SCAN_NAME) {
            nameScratch = out;
        } else if (mode == SCAN_VALUE) {
            valueScratch = out;
        }
        scanChars = out;
        scanOff = 0;
        scanLen = n;
    }

    // ---- chars --------------------------------------------------------------------------------

    /** Skips JSON whitespace; returns the next char (not consumed) or -1 at the end. */
    private int skipWhitespace() {
        char c = buf[pos];
        if (c > ' ') return c; // frames are usually compact: keep this inlinable
        return skipWhitespaceFrom(pos);
    }

    private int skipWhitespaceFrom(int p) {
        final char[] b = buf;
        while (isWhitespace(b[p])) p++;
        pos = p;
        return p == end ? -1 : b[p];
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static String describe(int c) {
        if (c < 0) return "end of input";
        if (c >= 0x20 && c < 0x7f) return "'" + (char) c + "'";
        return String.format("U+%04X", c);
    }

    private static JsonException error(String message, int at) {
        return new JsonException(message, at);
    }
}
