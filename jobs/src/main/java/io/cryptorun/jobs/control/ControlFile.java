package io.cryptorun.jobs.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.functions.alerts.ControlCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Control commands for a replay, one JSON object per line — the same messages as the
 * {@code cryptorun.control} topic:
 * {@code {"ts":1736125200000000,"action":"mute","scope":"symbol","target":"SOL/USD","ttl_s":3600,"user":"ops"}}.
 * {@code ts} is epoch µs, {@code ttl_s} seconds (absent or 0: until undone). The line number is the
 * sequence that orders commands of equal time. Blank lines and lines starting with {@code #} are skipped;
 * a line that is not JSON fails the replay (a typo in a control file should not pass silently).
 */
public final class ControlFile {
    private ControlFile() {}

    /** One command from its JSON object (the file line or the topic record value). */
    public static ControlCommand of(JsonNode n, long seq) {
        return new ControlCommand(n.path("ts").asLong(), seq, n.path("action").asText(null),
                n.path("scope").asText(ControlCommand.SCOPE_SYMBOL), n.path("target").asText(null),
                n.path("ttl_s").asLong(0) * 1_000_000L, n.path("user").asText(""));
    }

    public static List<ControlCommand> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<ControlCommand> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long seq = 0;
            while ((line = r.readLine()) != null) {
                seq++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                out.add(of(json.readTree(t), seq));
            }
        }
        return out;
    }
}
