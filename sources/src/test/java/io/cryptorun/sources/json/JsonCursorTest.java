package io.cryptorun.sources.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.sources.json.JsonCursor.Token;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCursorTest {

    /** Every token as KIND or KIND:text, reading each token's text through the char accessors. */
    static List<String> tokens(JsonCursor c, String json) throws JsonException {
        c.reset(json);
        List<String> out = new ArrayList<>();
        Token t;
        while ((t = c.nextToken()) != null) {
            String s = new String(c.textChars(), c.textOffset(), c.textLength());
            assertThat(c.text()).isEqualTo(s);
            switch (t) {
                case FIELD_NAME -> {
                    assertThat(c.currentName()).isEqualTo(s);
                    out.add("NAME:" + s);
                }
                case VALUE_STRING -> out.add("STR:" + s);
                case VALUE_NUMBER_INT -> out.add("INT:" + s);
                case VALUE_NUMBER_FLOAT -> out.add("FLOAT:" + s);
                default -> out.add(t.name() + ":" + s);
            }
        }
        assertThat(c.nextToken()).as("end stays the end").isNull();
        return out;
    }

    static List<String> tokens(String json) throws JsonException {
        return tokens(new JsonCursor(), json);
    }

    @Test
    void everyTokenKind() throws JsonException {
        assertThat(tokens(" {\"a\" : [1, -2.5, \"x\", true, false, null, {}, []], \"b\":{\"c\":0}}\r\n\t"))
                .containsExactly("START_OBJECT:{", "NAME:a", "START_ARRAY:[", "INT:1", "FLOAT:-2.5", "STR:x",
                        "VALUE_TRUE:true", "VALUE_FALSE:false", "VALUE_NULL:null", "START_OBJECT:{", "END_OBJECT:}",
                        "START_ARRAY:[", "END_ARRAY:]", "END_ARRAY:]", "NAME:b", "START_OBJECT:{", "NAME:c", "INT:0",
                        "END_OBJECT:}", "END_OBJECT:}");
    }

    @Test
    void scalarRootsAndEmptyText() throws JsonException {
        assertThat(tokens("42")).containsExactly("INT:42");
        assertThat(tokens(" \"s\" ")).containsExactly("STR:s");
        assertThat(tokens("null")).containsExactly("VALUE_NULL:null");
        assertThat(tokens("")).isEmpty();
        assertThat(tokens(" \n\t\r ")).isEmpty();
    }

    @Test
    void numbersKeepTheirExactText() throws JsonException {
        assertThat(tokens("[-0, 0, 1e5, 5.325e-05, 0.10000000, -12.5E+3, 1E-0, 0e0, -0.0, 123456789012345678901234567890]"))
                .containsExactly("START_ARRAY:[", "INT:-0", "INT:0", "FLOAT:1e5", "FLOAT:5.325e-05", "FLOAT:0.10000000",
                        "FLOAT:-12.5E+3", "FLOAT:1E-0", "FLOAT:0e0", "FLOAT:-0.0", "INT:123456789012345678901234567890",
                        "END_ARRAY:]");
    }

    @Test
    void escapesIncludingSurrogatePairs() throws JsonException {
        String json = "{\"k\\u0065y\\n\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0041\\u00e9\\u00E9\\uD83D\\uDE00!\"}";
        assertThat(tokens(json)).containsExactly("START_OBJECT:{", "NAME:key\n", "STR:a\"b\\c/d\b\f\n\r\tAéé\uD83D\uDE00!",
                "END_OBJECT:}");
        String emoji = "\uD83D\uDE00";
        assertThat(tokens("\"\\uD83D\\uDE00 raw " + emoji + "\"").get(0)).isEqualTo("STR:" + emoji + " raw " + emoji);
        // JSON allows unpaired surrogate escapes; they pass through as the UTF-16 unit named
        assertThat(tokens("\"\\uDE00x\"")).containsExactly("STR:\uDE00x");
        // non-ASCII, DEL and escaped NUL are fine; only raw chars below U+0020 are not
        assertThat(tokens("\"\u007f\u00a0\u2028\\u0000\"")).containsExactly("STR:\u007f\u00a0\u2028\u0000");
    }

    @Test
    void nameStaysReadableOnItsValueEvenWhenBothAreEscaped() throws JsonException {
        JsonCursor c = new JsonCursor();
        c.reset("{\"n\\u0061me\":\"v\\u0061lue\"}");
        c.nextToken();
        assertThat(c.nextToken()).isEqualTo(Token.FIELD_NAME);
        assertThat(c.nextToken()).isEqualTo(Token.VALUE_STRING);
        assertThat(c.text()).isEqualTo("value");
        assertThat(c.currentName()).isEqualTo("name");
    }

    @Test
    void repeatedNamesAreTheSameInstance() throws JsonException {
        JsonCursor c = new JsonCursor();
        String[] seen = new String[2];
        for (int i = 0; i < 2; i++) {
            c.reset("{\"channel\":1}");
            c.nextToken();
            c.nextToken();
            seen[i] = c.currentName();
        }
        assertThat(seen[1]).isEqualTo("channel").isSameAs(seen[0]);
    }

    @Test
    void preloadedNamesComeBackAsTheCallersConstants() throws JsonException {
        String channel = new String("channel".toCharArray()); // not the interned literal
        JsonCursor c = new JsonCursor(8, new TextCache(channel));
        c.reset("{\"channel\":1}");
        c.nextToken();
        c.nextToken();
        assertThat(c.currentName()).isSameAs(channel);
    }

    @Test
    void intAndLongValuesDetectOverflow() throws JsonException {
        assertThat(intOf("2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(intOf("-2147483648")).isEqualTo(Integer.MIN_VALUE);
        assertThat(intOf("-0")).isZero();
        assertThat(longOf("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(longOf("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(longOf("3310070434")).isEqualTo(3310070434L);
        for (String big : List.of("2147483648", "-2147483649", "99999999999")) {
            assertThatThrownBy(() -> intOf(big)).isInstanceOf(JsonException.class).hasMessageContaining("out of range of int");
        }
        for (String big : List.of("9223372036854775808", "-9223372036854775809", "12393906104898154338")) {
            assertThatThrownBy(() -> longOf(big)).isInstanceOf(JsonException.class).hasMessageContaining("out of range of long");
        }
        JsonCursor c = new JsonCursor().reset("1.5");
        c.nextToken();
        assertThatThrownBy(c::intValue).isInstanceOf(IllegalStateException.class);
    }

    static int intOf(String json) throws JsonException {
        JsonCursor c = new JsonCursor().reset(json);
        assertThat(c.nextToken()).isEqualTo(Token.VALUE_NUMBER_INT);
        return c.intValue();
    }

    static long longOf(String json) throws JsonException {
        JsonCursor c = new JsonCursor().reset(json);
        assertThat(c.nextToken()).isEqualTo(Token.VALUE_NUMBER_INT);
        return c.longValue();
    }

    @Test
    void skipChildren() throws JsonException {
        JsonCursor c = new JsonCursor().reset("{\"a\":{\"b\":[1,{\"c\":\"\\u0041\"}],\"d\":[]},\"e\":[[2]],\"f\":3}");
        c.nextToken();
        c.nextToken();
        assertThat(c.nextToken()).isEqualTo(Token.START_OBJECT);
        c.skipChildren();
        assertThat(c.currentToken()).isEqualTo(Token.END_OBJECT);
        assertThat(c.depth()).isEqualTo(1);
        assertThat(c.nextToken()).isEqualTo(Token.FIELD_NAME);
        assertThat(c.currentName()).isEqualTo("e");
        assertThat(c.nextToken()).isEqualTo(Token.START_ARRAY);
        c.skipChildren();
        assertThat(c.currentToken()).isEqualTo(Token.END_ARRAY);
        c.nextToken();
        assertThat(c.nextToken()).isEqualTo(Token.VALUE_NUMBER_INT);
        c.skipChildren(); // no-op on a scalar
        assertThat(c.currentToken()).isEqualTo(Token.VALUE_NUMBER_INT);
        assertThat(c.text()).isEqualTo("3");
        assertThat(c.nextToken()).isEqualTo(Token.END_OBJECT);
        assertThat(c.nextToken()).isNull();
    }

    @Test
    void skipChildrenStillChecksSyntax() {
        JsonCursor c = new JsonCursor().reset("{\"a\":[1,,2]}");
        assertThatThrownBy(() -> {
            c.nextToken();
            c.nextToken();
            c.nextToken();
            c.skipChildren();
        }).isInstanceOf(JsonException.class);
    }

    @Test
    void stringValuesAreScannedLazily() throws JsonException {
        // the caller can reject a value by its type before a syntax error inside it is seen
        JsonCursor c = new JsonCursor().reset("[\"bad \\x escape\", 1]");
        assertThat(c.nextToken()).isEqualTo(Token.START_ARRAY);
        assertThat(c.nextToken()).isEqualTo(Token.VALUE_STRING);
        assertThatThrownBy(c::text).isInstanceOf(JsonException.class).hasMessageContaining("bad escape");
        JsonCursor d = new JsonCursor().reset("[\"unterminated, 1]");
        d.nextToken();
        assertThat(d.nextToken()).isEqualTo(Token.VALUE_STRING);
        assertThatThrownBy(d::nextToken).isInstanceOf(JsonException.class).hasMessageContaining("unterminated string");
    }

    @Test
    void reusableAcrossTextsOfAnySizeAndAfterErrors() throws JsonException {
        JsonCursor c = new JsonCursor();
        assertThatThrownBy(() -> tokens(c, "[1,")).isInstanceOf(JsonException.class);
        String big = "[" + "\"" + "x\\n".repeat(200_000) + "\"" + ",1".repeat(100_000) + "]";
        List<String> t = tokens(c, big);
        assertThat(t).hasSize(100_003);
        assertThat(t.get(1)).hasSize(4 + 400_000);
        assertThat(tokens(c, "{\"a\":1}")).containsExactly("START_OBJECT:{", "NAME:a", "INT:1", "END_OBJECT:}");
        assertThat(tokens(c, "[]")).containsExactly("START_ARRAY:[", "END_ARRAY:]");
    }

    @Test
    void nestingUpToTheLimit() throws JsonException {
        JsonCursor c = new JsonCursor(3);
        assertThat(tokens(c, "[{\"a\":[]}]")).hasSize(7);
        assertThatThrownBy(() -> tokens(c, "[{\"a\":[[]]}]")).isInstanceOf(JsonException.class).hasMessageContaining("nesting deeper than 3");
        String deep64 = "[".repeat(64) + "]".repeat(64);
        assertThat(tokens(new JsonCursor(), deep64)).hasSize(128);
        assertThatThrownBy(() -> tokens(new JsonCursor(), "[" + deep64 + "]")).isInstanceOf(JsonException.class);
    }

    @Test
    void numberAndNameLengthLimits() throws JsonException {
        String digits = "1".repeat(JsonCursor.MAX_NUMBER_DIGITS);
        assertThat(tokens(digits)).hasSize(1);
        assertThat(tokens("[1." + "1".repeat(JsonCursor.MAX_NUMBER_DIGITS - 1) + "]")).hasSize(3);
        assertThatThrownBy(() -> tokens(digits + "1")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> tokens("[1." + digits + "]")).isInstanceOf(JsonException.class);
        // Jackson's count, mirrored: one digit fewer for a number that starts with 0 or ends the text
        assertThat(tokens("[0." + digits + "]")).hasSize(3);
        assertThat(tokens("1." + digits)).hasSize(1);
        assertThatThrownBy(() -> tokens("[0." + digits + "1]")).isInstanceOf(JsonException.class);
        String name = "n".repeat(JsonCursor.MAX_NAME_LENGTH);
        assertThat(tokens("{\"" + name + "\":1}")).hasSize(4);
        assertThatThrownBy(() -> tokens("{\"" + name + "n\":1}")).isInstanceOf(JsonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // literals
        "tru", "nul", "fals", "True", "nulL", "[truex]", "[nullnull]", "NaN", "[NaN]", "Infinity", "-Infinity", "undefined",
        // strings
        "\"abc", "[\"abc]", "\"a\u0001b\"", "\"tab\tinside\"", "\"a\nb\"", "\"\\x\"", "\"\\'\"", "\"\\u12G4\"", "\"\\u00\"",
        "\"\\u004\"", "\"\\", "'single'", "{\"a\u0000\":1}",
        // numbers
        "01", "-01", "00", "+1", ".5", "1.", "1.e5", "1e", "1e+", "1E-", "-", "--1", "-a", "[-]", "0x10", "1.5.3", "[1.2.3]",
        "1_000", "[01]",
        // structure
        "[1}", "{\"a\":1]", "]", "}", "[1 2]", "[1,]", "[,1]", "[1,,2]", "{,}", "{\"a\" 1}", "{\"a\":1,}", "{\"a\"::1}",
        "{a:1}", "{'a':1}", "{\"a\":}", "{\"a\"}", "{1:2}", "[", "{", "{\"a\":1", "[[]", ":", ",", "[:]",
        // trailing content, comments, odd whitespace
        "[1]x", "{} {}", "[1] 2", "1 2", "\"a\" \"b\"", "1x", "{}}", "[]]", "/* c */ 1", "// c\n1", "[1] // c", "# c\n1",
        "\u00a01", "1\u000b", "\f1", "\uFEFF{}",
    })
    void syntaxErrorsAreReportedWithoutStackTrace(String json) {
        assertThatThrownBy(() -> tokens(json)).isInstanceOfSatisfying(JsonException.class, e -> {
            assertThat(e.getStackTrace()).isEmpty();
            assertThat(e.offset()).isBetween(0, json.length());
            assertThat(e.getMessage()).contains(" at char ");
        });
    }

    @Test
    void tooDeepNestingIsASyntaxError() {
        assertThatThrownBy(() -> tokens("[".repeat(65) + "]".repeat(65))).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> tokens("{\"a\":".repeat(65) + "1" + "}".repeat(65))).isInstanceOf(JsonException.class);
    }

    /** The point of the class: after warm-up, reading a frame allocates nothing. */
    @Test
    void happyPathAllocatesNothing() throws JsonException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String frame = "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":45283.5,"
                + "\"qty\":0.10000000}],\"asks\":[],\"checksum\":3310070434,\"timestamp\":\"2023-10-06T17:35:55.440295Z\","
                + "\"note\":\"esc\\u0061ped \\\"x\\\"\",\"extra\":{\"deep\":[true,false,null,-1.5e-3]}}]}";
        JsonCursor c = new JsonCursor();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) sink += readAll(c, frame);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) sink += readAll(c, frame);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated reading 20,000 frames").isLessThan(2_000);
    }

    private static long readAll(JsonCursor c, String json) throws JsonException {
        c.reset(json);
        long h = 0;
        Token t;
        while ((t = c.nextToken()) != null) {
            switch (t) {
                case FIELD_NAME -> h += c.currentName().length();
                case VALUE_STRING, VALUE_NUMBER_FLOAT -> h += c.textChars()[c.textOffset()] + c.textLength();
                case VALUE_NUMBER_INT -> h += c.longValue();
                case START_OBJECT -> {
                    if ("extra".equals(c.currentName())) c.skipChildren();
                }
                default -> h++;
            }
        }
        return h;
    }
}
