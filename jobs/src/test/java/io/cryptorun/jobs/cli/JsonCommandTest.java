package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code cryptorun json POINTER...}, the JSON reader of the deploy/local scripts. */
class JsonCommandTest {
    record Run(int exit, String out, String err) {}

    static Run run(String stdin, String... pointers) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = CryptoRunCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        JsonCommand j = cl.getSubcommands().get("json").getCommand();
        j.in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        List<String> a = new ArrayList<>(List.of("json"));
        a.addAll(List.of(pointers));
        return new Run(cl.execute(a.toArray(String[]::new)), out.toString(), err.toString());
    }

    static final String SAVEPOINT = "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"location\":\"file:/tmp/sp/savepoint-1\"},"
            + "\"n\":3,\"price\":1.50,\"big\":123456789012345678901234567890.000000001,\"ok\":true,\"gone\":null,"
            + "\"ids\":[\"a\",\"b\"],\"objs\":[{\"k\":1}],\"a/b\":\"slash\"}";

    @Test
    void printsOneLinePerPointer() {
        Run r = run(SAVEPOINT, "/status/id", "/operation/location", "/n", "/price", "/big", "/ok", "/gone", "/missing/deep", "/a~1b");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).containsExactly("COMPLETED", "file:/tmp/sp/savepoint-1", "3", "1.50",
                "123456789012345678901234567890.000000001", "true", "", "", "slash");
    }

    @Test
    void arraysOneElementPerLineObjectsAsJson() {
        assertThat(run(SAVEPOINT, "/ids").out().lines()).containsExactly("a", "b");
        assertThat(run(SAVEPOINT, "/objs").out().lines()).containsExactly("{\"k\":1}");
        assertThat(run(SAVEPOINT, "/status").out().lines()).containsExactly("{\"id\":\"COMPLETED\"}");
        assertThat(run("[]", "").out()).isEmpty();
    }

    @Test
    void userErrorsAreOneLine() {
        Run notJson = run("<html>", "/x");
        assertThat(notJson.exit()).isEqualTo(2);
        assertThat(notJson.err()).startsWith("cryptorun: error: stdin is not a JSON document").doesNotContain("\tat ");
        Run badPointer = run("{}", "status");
        assertThat(badPointer.exit()).isEqualTo(2);
        assertThat(badPointer.err().strip()).isEqualTo("cryptorun: error: not a JSON pointer: status (it starts with '/', e.g. /status/id)");
        assertThat(run("", "/x").exit()).isEqualTo(2);
    }
}
