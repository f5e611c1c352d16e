package io.cryptorun.sources.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.cryptorun.sources.json.JsonCursor.Token;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property test: on thousands of seeded random documents — valid ones, and mutated or truncated
 * ones that are mostly invalid — {@link JsonCursor} accepts exactly what a strictly configured
 * Jackson accepts, with the same tokens, texts, field names, integer values (or overflow) and
 * {@code skipChildren} behaviour, and reports a bad document at the same token as Jackson does
 * (up to Jackson's look-ahead, see {@link #sameErrorPoint}). The one deliberate difference is
 * {@link JacksonHexQuirk}.
 */
class JsonCursorDifferentialTest {
    static final int DEPTH = 12;

    /** Jackson's defaults are already strict; spelled out so a default change cannot loosen the oracle. */
    static final JsonFactory STRICT = JsonFactory.builder()
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .disable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .disable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .disable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .disable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonReadFeature.ALLOW_MISSING_VALUES)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(DEPTH).build())
            .build();

    /** What a reader saw: the tokens it returned, and whether the whole document was accepted. */
    record Outcome(List<String> tokens, boolean accepted, String error) {}

    @Test
    void acceptsExactlyWhatJacksonAcceptsWithTheSameTokens() throws Exception {
        Random r = new Random(20_240_601L);
        JsonCursor cursor = new JsonCursor(DEPTH);
        int validAccepted = 0;
        int mutatedAccepted = 0;
        int mutatedRejected = 0;
        int docs = 0;
        for (int i = 0; i < 4_000; i++) {
            String doc = new Gen(r).document();
            Outcome j = check(cursor, doc, r.nextLong());
            docs++;
            if (j.accepted()) validAccepted++;
            for (int m = 0; m < 5; m++) {
                String bad = mutate(doc, r);
                Outcome jb = check(cursor, bad, r.nextLong());
                docs++;
                if (jb.accepted()) mutatedAccepted++; else mutatedRejected++;
            }
        }
        // the generator must really exercise both sides
        assertThat(docs).isEqualTo(24_000);
        assertThat(validAccepted).as("generated documents Jackson accepts").isBetween(3_700, 3_990);
        assertThat(mutatedRejected).as("mutants rejected").isGreaterThan(14_000);
        assertThat(mutatedAccepted).as("mutants still valid").isGreaterThan(3_000);
    }

    @Test
    void stricterThanJacksonOnNonAsciiHexDigits() throws Exception {
        String doc = "\"\\u00E\u0164\"";
        assertThat(jackson(doc, 0).tokens()).containsExactly("STR:\u00ed");
        JsonCursor c = new JsonCursor().reset(doc);
        c.nextToken();
        org.assertj.core.api.Assertions.assertThatThrownBy(c::text).isInstanceOf(JsonException.class)
                .hasMessageContaining("bad \\u escape");
    }

    @Test
    void handPickedEdgeCasesAgreeWithJackson() throws Exception {
        JsonCursor cursor = new JsonCursor(DEPTH);
        String[] docs = {
            "", " ", "1", "-0", "-", "01", "1.", ".5", "+1", "1e5", "1E+05", "5.325e-05", "0.10000000", "NaN", "-Infinity",
            "true", "truex", "true]", "[true]", "[truex]", "[true1]", "[true_]", "[true$]", "[true\u00e9]", "[true\u0080]",
            "[null/]", "{\"a\":true}", "{\"a\":tru}", "\"\\uD83D\\uDE00\"", "\"\\uDE00\"", "\"\u007f\"", "\"\\u0000\"",
            "\"\u0001\"", "\"\\x\"", "\"abc", "[\"abc", "[1,]", "[,]", "{\"a\":1,}", "{\"a\" 1}", "[1 2]", "1 2", "{} {}",
            "[1]x", "1x", "1 x", "\"a\"x", "\uFEFF{}", "\u00a0{}", "{}\u0000", "[1.5.3]", "[-]", "[--1]", "[1e]", "[1e+]",
            "[0x1]", "[01]", "[-01]", "[00]", "[1.e1]", "[2147483648]", "[9223372036854775808]", "[-9223372036854775809]",
            "[" + "1".repeat(1000) + "]", "[" + "1".repeat(1001) + "]", "[0." + "1".repeat(999) + "]",
            "[0." + "1".repeat(1000) + "]", "[1e" + "1".repeat(999) + "]", "[1." + "1".repeat(998) + "e1]",
            "[1." + "1".repeat(998) + "e12]", "{\"" + "n".repeat(50_000) + "\":1}", "{\"" + "n".repeat(50_001) + "\":1}",
            "[".repeat(DEPTH) + "]".repeat(DEPTH), "[".repeat(DEPTH + 1) + "]".repeat(DEPTH + 1),
            "{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH), "{\"a\":".repeat(DEPTH + 1) + "1" + "}".repeat(DEPTH + 1),
        };
        for (int i = 0; i < docs.length; i++) {
            check(cursor, docs[i], i);
        }
    }

    /** Runs both readers on {@code doc}, asserts they agree, and returns Jackson's outcome. */
    static Outcome check(JsonCursor cursor, String doc, long actionSeed) {
        Outcome j = jackson(doc, actionSeed);
        Outcome c = cursor(cursor, doc, actionSeed);
        String what = printable("doc <" + doc + ">\njackson: " + j + "\ncursor:  " + c);
        if (j.accepted() && !c.accepted() && JacksonHexQuirk.explains(doc, c.error())) {
            return new Outcome(c.tokens(), false, c.error());
        }
        assertThat(c.accepted()).as(what).isEqualTo(j.accepted());
        if (j.accepted()) {
            assertThat(c.tokens()).as(what).isEqualTo(j.tokens());
        } else {
            assertThat(sameErrorPoint(j.tokens(), c.tokens())).as(what).isTrue();
        }
        return j;
    }

    /** Non-ASCII and control chars as \\uXXXX, so a failure message survives any report format. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ((ch < 0x20 && ch != '\n') || ch >= 0x7f) sb.append(String.format("\\u%04x", (int) ch)); else sb.append(ch);
        }
        return sb.toString();
    }

    /**
     * Jackson reads a field's value together with its name, so it can fail one token before the
     * cursor does; otherwise both must fail on the same call (the Kraken adapter maps a syntax
     * error and a wrong-shaped value seen first to different reasons).
     */
    static boolean sameErrorPoint(List<String> jackson, List<String> cursor) {
        if (cursor.equals(jackson)) return true;
        return cursor.size() == jackson.size() + 1 && cursor.subList(0, jackson.size()).equals(jackson)
                && cursor.get(cursor.size() - 1).startsWith("NAME:");
    }

    // ---- the two readers, driven identically -------------------------------------------------

    static Outcome jackson(String doc, long actionSeed) {
        Random act = new Random(actionSeed);
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean rootDone = false;
        try (JsonParser p = STRICT.createParser(doc)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (rootDone) {
                    return new Outcome(out, false, "second root value");
                }
                int a = act.nextInt(100);
                String s = switch (t) {
                    case FIELD_NAME -> "NAME:" + p.currentName() + "|" + new String(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    case VALUE_STRING -> a < 80 ? "STR:" + new String(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()) : "STR";
                    case VALUE_NUMBER_INT -> "NUMI:" + p.getText() + "|" + jacksonInts(p, a);
                    case VALUE_NUMBER_FLOAT -> "NUMF:" + new String(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    case START_OBJECT, START_ARRAY -> {
                        if (a < 15) {
                            p.skipChildren();
                            yield t + ">" + p.currentToken();
                        }
                        depth++;
                        yield t.toString();
                    }
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        yield t.toString();
                    }
                    default -> t + ":" + p.getText();
                };
                out.add(s);
                if (depth == 0 && t != JsonToken.FIELD_NAME) rootDone = true;
            }
            return new Outcome(out, true, null);
        } catch (IOException e) {
            return new Outcome(out, false, e.getMessage());
        }
    }

    private static String jacksonInts(JsonParser p, int a) throws IOException {
        if (a % 2 == 0) return "";
        String i;
        String l;
        try {
            i = Integer.toString(p.getIntValue());
        } catch (InputCoercionException e) {
            i = "overflow";
        }
        try {
            l = Long.toString(p.getLongValue());
        } catch (InputCoercionException e) {
            l = "overflow";
        }
        return i + "|" + l;
    }

    static Outcome cursor(JsonCursor p, String doc, long actionSeed) {
        Random act = new Random(actionSeed);
        List<String> out = new ArrayList<>();
        try {
            p.reset(doc);
            Token t;
            while ((t = p.nextToken()) != null) {
                int a = act.nextInt(100);
                String s = switch (t) {
                    case FIELD_NAME -> "NAME:" + p.currentName() + "|" + new String(p.textChars(), p.textOffset(), p.textLength());
                    case VALUE_STRING -> a < 80 ? "STR:" + new String(p.textChars(), p.textOffset(), p.textLength()) : "STR";
                    case VALUE_NUMBER_INT -> "NUMI:" + p.text() + "|" + cursorInts(p, a);
                    case VALUE_NUMBER_FLOAT -> "NUMF:" + new String(p.textChars(), p.textOffset(), p.textLength());
                    case START_OBJECT, START_ARRAY -> {
                        if (a < 15) {
                            p.skipChildren();
                            yield t + ">" + p.currentToken();
                        }
                        yield t.toString();
                    }
                    case END_OBJECT, END_ARRAY -> t.toString();
                    default -> t + ":" + p.text();
                };
                out.add(s);
            }
            return new Outcome(out, true, null);
        } catch (JsonException e) {
            assertThat(e.getStackTrace()).isEmpty();
            return new Outcome(out, false, e.getMessage());
        }
    }

    private static String cursorInts(JsonCursor p, int a) {
        if (a % 2 == 0) return "";
        String i;
        String l;
        try {
            i = Integer.toString(p.intValue());
        } catch (JsonException e) {
            i = "overflow";
        }
        try {
            l = Long.toString(p.longValue());
        } catch (JsonException e) {
            l = "overflow";
        }
        return i + "|" + l;
    }

    // ---- documents ----------------------------------------------------------------------------

    static final String[] NAMES = {"channel", "type", "data", "symbol", "price", "qty", "a", "", "ключ", "n\\u0061me", "x\\ny"};
    static final String[] SPECIAL_NUMBERS = {
        "-0", "0", "1e5", "5.325e-05", "0.10000000", "-0.0", "1E+2", "0e0", "2147483647", "2147483648", "-2147483648",
        "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "12393906104898154338", "3310070434",
    };

    /** A random JSON document (usually valid; deep chains may exceed {@link #DEPTH}). */
    static final class Gen {
        final Random r;
        final StringBuilder sb = new StringBuilder();

        Gen(Random r) {
            this.r = r;
        }

        String document() {
            ws();
            // now and then a chain of containers around the value, to cross the depth limit
            int wrap = r.nextInt(20) == 0 ? DEPTH - 4 + r.nextInt(8) : 0;
            StringBuilder closers = new StringBuilder();
            for (int i = 0; i < wrap; i++) {
                boolean object = r.nextBoolean();
                sb.append(object ? "{\"k\":" : "[");
                closers.append(object ? '}' : ']');
                ws();
            }
            value(wrap, r.nextInt(8) == 0 ? DEPTH + 3 : wrap + 5);
            ws();
            sb.append(closers.reverse());
            ws();
            return sb.toString();
        }

        void value(int depth, int maxDepth) {
            int k = depth >= maxDepth ? r.nextInt(6) : r.nextInt(10);
            switch (k) {
                case 0 -> string();
                case 1, 2 -> number();
                case 3 -> sb.append("true");
                case 4 -> sb.append("false");
                case 5 -> sb.append("null");
                case 6, 7 -> {
                    sb.append('{');
                    int n = r.nextInt(depth + 1 >= maxDepth - 1 ? 2 : 5);
                    ws();
                    for (int i = 0; i < n; i++) {
                        if (i > 0) sb.append(',');
                        ws();
                        if (r.nextBoolean()) sb.append('"').append(NAMES[r.nextInt(NAMES.length)]).append('"'); else string();
                        ws();
                        sb.append(':');
                        ws();
                        value(depth + 1, maxDepth);
                        ws();
                    }
                    sb.append('}');
                }
                default -> {
                    sb.append('[');
                    int n = r.nextInt(depth + 1 >= maxDepth - 1 ? 2 : 5);
                    ws();
                    for (int i = 0; i < n; i++) {
                        if (i > 0) sb.append(',');
                        ws();
                        value(depth + 1, maxDepth);
                        ws();
                    }
                    sb.append(']');
                }
            }
        }

        void ws() {
            if (r.nextInt(10) < 7) return;
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) sb.append(" \t\n\r".charAt(r.nextInt(4)));
        }

        void string() {
            sb.append('"');
            int n = r.nextInt(r.nextInt(10) == 0 ? 40 : 8);
            for (int i = 0; i < n; i++) {
                switch (r.nextInt(16)) {
                    case 0, 1, 2, 3, 4, 5 -> sb.append(" abcXYZ019_-+.,:;{}[]'!@#$%^&*()<>?|~`".charAt(r.nextInt(38)));
                    case 6 -> sb.append("\\\"");
                    case 7 -> sb.append("\\\\");
                    case 8 -> sb.append(r.nextBoolean() ? "\\/" : "/");
                    case 9 -> sb.append('\\').append("bfnrt".charAt(r.nextInt(5)));
                    case 10 -> sb.append(uEscape(r.nextInt(0x10000)));
                    case 11 -> sb.append(uEscape(0xD800 + r.nextInt(0x400))).append(uEscape(0xDC00 + r.nextInt(0x400)));
                    case 12 -> sb.append((char) (r.nextBoolean() ? 0x80 + r.nextInt(0xD800 - 0x80) : 0xE000 + r.nextInt(0x2000)));
                    case 13 -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
                    case 14 -> sb.append(uEscape(r.nextInt(0x20)));
                    default -> sb.append(r.nextBoolean() ? '\u007f' : '\u2028');
                }
            }
            sb.append('"');
        }

        String uEscape(int c) {
            String h = String.format("%04x", c);
            return "\\u" + (r.nextBoolean() ? h : h.toUpperCase());
        }

        void number() {
            if (r.nextInt(8) == 0) {
                sb.append(SPECIAL_NUMBERS[r.nextInt(SPECIAL_NUMBERS.length)]);
                return;
            }
            if (r.nextBoolean()) sb.append('-');
            if (r.nextInt(5) == 0) {
                sb.append('0');
            } else {
                sb.append((char) ('1' + r.nextInt(9)));
                int n = r.nextInt(300) == 0 ? 995 + r.nextInt(10) : r.nextInt(r.nextInt(10) == 0 ? 25 : 6);
                digits(n);
            }
            if (r.nextInt(3) == 0) {
                sb.append('.');
                digits(1 + r.nextInt(10));
            }
            if (r.nextInt(4) == 0) {
                sb.append(r.nextBoolean() ? 'e' : 'E');
                int s = r.nextInt(3);
                if (s > 0) sb.append(s == 1 ? '+' : '-');
                digits(1 + r.nextInt(3));
            }
        }

        void digits(int n) {
            for (int i = 0; i < n; i++) sb.append((char) ('0' + r.nextInt(10)));
        }
    }

    static final String NOISE = "{}[],:\"\\ -+.eE0123456789tfnulrsaxIN/*#'\t\n\r\u0000\u001f\u007f\u00a0\uFEFF\uD83D";
    static final String[] PIECES = {
        "NaN", "Infinity", "-Infinity", "+1", ".5", "01", "1.", "1e", "//c\n", "/*c*/", ",", ":", "tru", "nul", "\"", "\\",
        "\\u", "\\uD83D", "\\x", "'a'", "[", "]", "{", "}", "{\"k\":", "1 2", "\"a\":", "truex", "-", "00", "0x1", "\u0001",
    };

    /** One to three random edits: delete, insert, replace, truncate, duplicate, splice a bad piece. */
    static String mutate(String doc, Random r) {
        StringBuilder sb = new StringBuilder(doc);
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = r.nextInt(sb.length() + 1);
            switch (r.nextInt(6)) {
                case 0 -> {
                    if (at < sb.length()) sb.deleteCharAt(at);
                }
                case 1 -> sb.insert(at, NOISE.charAt(r.nextInt(NOISE.length())));
                case 2 -> {
                    if (at < sb.length()) sb.setCharAt(at, NOISE.charAt(r.nextInt(NOISE.length())));
                }
                case 3 -> sb.setLength(at);
                case 4 -> {
                    int to = Math.min(sb.length(), at + r.nextInt(8));
                    sb.insert(at, sb.substring(at, to));
                }
                default -> sb.insert(at, PIECES[r.nextInt(PIECES.length)]);
            }
        }
        return sb.toString();
    }
}
