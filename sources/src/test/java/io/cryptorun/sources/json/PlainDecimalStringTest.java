package io.cryptorun.sources.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.decimal.DecimalParser;
import io.cryptorun.sources.decimal.MutableDecimal;
import io.cryptorun.sources.json.JsonCursor.Token;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonCursor#plainDecimalString}, the one-pass read of numeric strings, against the general
 * path it short-cuts ({@code DecimalParser} over the scanned string): whenever it answers it must
 * give exactly the same (unscaled, scale), and whenever it declines it must leave the string
 * unread, so the general path still sees it whole.
 */
class PlainDecimalStringTest {

    @Test
    void takesTheFormsVenuesSend() throws JsonException {
        assertPlain("45285.10", 4528510, 2);
        assertPlain("0.00000000", 0, 8);
        assertPlain("1.50000000", 150000000, 8);
        assertPlain("-0.5", -5, 1);
        assertPlain("7", 7, 0);
        assertPlain("5.", 5, 0);
        assertPlain(".5", 5, 1);
        assertPlain("000123.4500", 1234500, 4);
        assertPlain("999999999999999999", 999_999_999_999_999_999L, 0);
        assertPlain("0.000000000000000001", 1, 18);
    }

    @Test
    void declinesEverythingElseWithoutConsumingIt() throws JsonException {
        for (String s : new String[] {"", "-", ".", "+1", "1e5", "1E-3", "1.2.3", "12a", " 1", "1 ", "\\u0031",
            "1\\n", "1000000000000000000", "0.0000000000000000001", "0.0000000000000000000", "--1", "1-"}) {
            JsonCursor c = new JsonCursor().reset("[\"" + s + "\"]");
            c.nextToken();
            assertThat(c.nextToken()).isEqualTo(Token.VALUE_STRING);
            assertThat(c.plainDecimalString(new MutableDecimal())).as(s).isFalse();
            assertThat(c.text()).as("still unread: " + s).isEqualTo(unescaped(s));
            assertThat(c.nextToken()).isEqualTo(Token.END_ARRAY);
        }
    }

    @Test
    void declinesNonStrings() throws JsonException {
        JsonCursor c = new JsonCursor().reset("[1.5]");
        c.nextToken();
        assertThat(c.nextToken()).isEqualTo(Token.VALUE_NUMBER_FLOAT);
        assertThat(c.plainDecimalString(new MutableDecimal())).isFalse();
        assertThat(c.text()).isEqualTo("1.5");
    }

    /** Random strings over the characters that matter: where both paths answer, they agree. */
    @Test
    void agreesWithTheGeneralParserOnRandomStrings() throws JsonException {
        SplittableRandom r = new SplittableRandom(16);
        String alphabet = "0000123456789..--+eE x";
        int plain = 0;
        for (int k = 0; k < 200_000; k++) {
            int len = r.nextInt(24);
            StringBuilder sb = new StringBuilder(len);
            for (int i = 0; i < len; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String s = sb.toString();
            JsonCursor c = new JsonCursor().reset("[\"" + s + "\",0]");
            c.nextToken();
            c.nextToken();
            MutableDecimal fast = new MutableDecimal();
            boolean took = c.plainDecimalString(fast);
            MutableDecimal general = new MutableDecimal();
            int err = DecimalParser.parse(c.textChars(), c.textOffset(), c.textLength(), general);
            assertThat(c.text()).isEqualTo(s);
            if (took) {
                plain++;
                assertThat(err).as(s).isEqualTo(DecimalParser.OK);
                assertThat(fast.unscaled).as(s).isEqualTo(general.unscaled);
                assertThat(fast.scale).as(s).isEqualTo(general.scale);
            }
            assertThat(c.nextToken()).isEqualTo(Token.VALUE_NUMBER_INT);
        }
        assertThat(plain).as("strings the one-pass read took").isGreaterThan(5_000);
    }

    private static void assertPlain(String s, long unscaled, int scale) throws JsonException {
        JsonCursor c = new JsonCursor().reset("{\"p\":\"" + s + "\",\"q\":1}");
        c.nextToken();
        c.nextToken();
        assertThat(c.nextToken()).isEqualTo(Token.VALUE_STRING);
        MutableDecimal d = new MutableDecimal();
        assertThat(c.plainDecimalString(d)).as(s).isTrue();
        assertThat(d.unscaled).as(s).isEqualTo(unscaled);
        assertThat(d.scale).as(s).isEqualTo(scale);
        MutableDecimal g = new MutableDecimal();
        assertThat(DecimalParser.parse(s, 0, s.length(), g)).isEqualTo(DecimalParser.OK);
        assertThat(g.unscaled).isEqualTo(unscaled);
        assertThat(g.scale).isEqualTo(scale);
        assertThat(c.text()).isEqualTo(s);
        assertThat(c.nextToken()).isEqualTo(Token.FIELD_NAME);
        assertThat(c.currentName()).isEqualTo("q");
    }

    private static String unescaped(String s) {
        return s.replace("\\u0031", "1").replace("\\n", "\n");
    }
}
