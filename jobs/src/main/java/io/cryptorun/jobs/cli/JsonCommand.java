package io.cryptorun.jobs.cli;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cryptorun json POINTER...}: reads one JSON document from stdin and prints the value at
 * each RFC 6901 JSON pointer ({@code /status/id}, {@code /jobs/0/jid}), one line each: text and
 * numbers as they are (decimals exactly as written), booleans as {@code true}/{@code false}, a
 * missing value or null as an empty line, an array of scalars one element per line, an object or
 * an array of objects as compact JSON. The scripts under deploy/local read REST answers with it
 * instead of a Python interpreter.
 */
@Command(name = "json", mixinStandardHelpOptions = true, hidden = true,
        description = "Print the values at JSON pointers (RFC 6901) of the JSON document on stdin, one line each.")
public final class JsonCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "POINTER", description = "JSON pointers, e.g. /status/id (\"\" is the whole document).")
    List<String> pointers;

    InputStream in = System.in;

    @Override
    public Integer call() {
        List<JsonPointer> ps = new ArrayList<>();
        for (String p : pointers) {
            try {
                ps.add(JsonPointer.compile(p));
            } catch (IllegalArgumentException e) {
                throw UserError.usage("not a JSON pointer: " + p, "it starts with '/', e.g. /status/id");
            }
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw UserError.usage("stdin is not a JSON document: " + e.getOriginalMessage(), "pipe a REST answer into it");
        } catch (IOException e) {
            throw UserError.runtime("cannot read stdin: " + e.getMessage(), "pipe a JSON document into it", e);
        }
        if (doc == null || doc.isMissingNode()) throw UserError.usage("stdin is empty", "pipe a JSON document into it");
        PrintWriter out = spec.commandLine().getOut();
        for (JsonPointer p : ps) render(doc.at(p)).forEach(out::println);
        out.flush();
        return 0;
    }

    /** The lines printed for one value. */
    static List<String> render(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) return List.of("");
        if (v.isArray()) {
            List<String> lines = new ArrayList<>();
            for (JsonNode e : v) lines.add(scalarOrJson(e));
            return lines;
        }
        return List.of(scalarOrJson(v));
    }

    private static String scalarOrJson(JsonNode v) {
        if (v.isNull()) return "";
        if (v.isBigDecimal()) return v.decimalValue().toPlainString();
        if (v.isValueNode()) return v.asText();
        return v.toString();
    }
}
