package io.cryptorun.jobs.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The field scan against Jackson's tree (the reader it replaces) on lines built to mislead it. */
class JsonMembersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String[] LINES = {
        "{\"ts\":1,\"venue\":\"kraken\",\"symbol\":\"AAVE/USD\",\"bid\":342.54}",
        // the name inside a string value, inside a nested object and inside an array before the member
        "{\"ts\":2,\"note\":\"\\\"venue\\\":\\\"fake\\\"\",\"x\":{\"venue\":\"nested\"},\"a\":[{\"venue\":\"arr\"},\"]}\"],\"venue\":\"coinbase\"}",
        // escapes in the value and in the name; whitespace between tokens
        "{ \"ts\" : 3 , \"ven\\u0075e\" : \"bit\\\\st\\\"amp\\u00e9\\n\" }",
        // missing member, null, a boolean, a number, an object and an array as values
        "{\"ts\":4,\"reason\":null,\"pass\":true,\"n\":-12,\"o\":{\"pass\":false},\"l\":[1,2]}",
        "{\"ts\":5}",
        "{}",
        "{\"ts\":6,\"venue\":\"\"}",
        "{\"ts\":7,\"pass\":\"true \",\"n\":0,\"gates\":{\"a\":{\"reasons\":[],\"pass\":true},\"b\":{\"pass\":false},\"c\":7,\"d\":{}}}",
    };

    @Test
    void textIsJacksonsAsTextForStringsLiteralsAndMissingMembers() throws Exception {
        for (String line : LINES) {
            JsonNode n = JSON.readTree(line);
            for (String f : new String[] {"venue", "reason", "pass", "ts", "o", "l", "absent", "symbol", "note"}) {
                if (n.path(f).isNumber() && !n.path(f).isIntegralNumber()) continue; // a fraction: raw text, documented
                assertThat(JsonMembers.text(line, f)).as(line + " / " + f).isEqualTo(n.path(f).asText(""));
            }
            for (String f : new String[] {"pass", "n", "ts", "absent", "o"}) {
                assertThat(JsonMembers.bool(line, 0, f)).as(line + " / " + f).isEqualTo(n.path(f).asBoolean());
            }
        }
        assertThat(JsonMembers.text(LINES[1], "venue")).isEqualTo("coinbase");
        assertThat(JsonMembers.text(LINES[2], "venue")).isEqualTo("bit\\st\"ampé\n");
    }

    @Test
    void forEachVisitsTheNestedObjectsMembersInOrderLikeJacksonsFields() throws Exception {
        String line = LINES[7];
        int gates = JsonMembers.valueStart(line, 0, "gates");
        List<String> seen = new ArrayList<>();
        JsonMembers.forEach(line, gates, (name, start, end) ->
                seen.add(name + "=" + line.substring(start, end) + "/" + (line.charAt(start) == '{' && JsonMembers.bool(line, start, "pass"))));
        List<String> expected = new ArrayList<>();
        JSON.readTree(line).path("gates").fields().forEachRemaining(e ->
                expected.add(e.getKey() + "=" + e.getValue().toString() + "/" + e.getValue().path("pass").asBoolean()));
        assertThat(seen).containsExactlyElementsOf(expected).hasSize(4);
        JsonMembers.forEach("{}", 0, (name, start, end) -> seen.add("never"));
        assertThat(seen).hasSize(4);
    }

    @Test
    void malformedLinesAreRefusedNotMiscounted() {
        for (String bad : new String[] {"", "[1]", "{\"venue\":\"open", "{\"a\":1 \"venue\":\"x\"}", "{\"a\":{\"b\":1}", "{\"a\":}"}) {
            assertThatThrownBy(() -> JsonMembers.text(bad, "venue")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
