package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.output.OutputFiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control commands replayed from a file (`--controls`) on two channels (`--channels`): a symbol
 * mute with TTL suppresses the bundled fixture's first alert with {@code muted} and expires
 * before the second, a channel mute silences one channel only, and every command is audited — a
 * bad one as rejected.
 */
class ControlReplayTest {
    /** 2025-01-06T03:30:00Z and 04:30:00Z. */
    static final long T0330 = 1_736_134_200_000_000L;
    static final long T0430 = 1_736_137_800_000_000L;

    @TempDir
    Path dir;

    @Test
    void aMuteWithTtlSuppressesByEventTimeAndEveryCommandIsAudited() throws Exception {
        Path controls = dir.resolve("controls.jsonl");
        Files.writeString(controls, String.join("\n",
                "# mute BCH for an hour from 03:30",
                "{\"ts\":" + T0330 + ",\"action\":\"mute\",\"scope\":\"symbol\",\"target\":\"BCH/USD\",\"ttl_s\":3600,\"user\":\"ops\"}",
                "{\"ts\":" + T0430 + ",\"action\":\"explode\",\"target\":\"BCH/USD\"}",
                "{\"ts\":0,\"action\":\"mute\",\"scope\":\"channel\",\"target\":\"ops\"}", ""));
        ReplayOptions o = new ReplayOptions();
        o.speed = 0;
        o.controls = controls;
        o.channels = new String[] {"default", "ops"};
        Path out = dir.resolve("out");
        ReplayRunner.run(BundledFixtureReplayTest.BUNDLED, null, out, o, false, new PrintStream(PrintStream.nullOutputStream()));

        List<JsonNode> alerts = AnalyticsInvariants.read(out.resolve(OutputFiles.ALERTS));
        List<JsonNode> suppressed = AnalyticsInvariants.read(out.resolve(OutputFiles.SUPPRESSED));
        List<JsonNode> audit = AnalyticsInvariants.read(out.resolve(OutputFiles.CONTROL_AUDIT));
        // without controls BCH alerts at 04:00 and 05:00; muted until 04:30, the first becomes suppressed
        assertThat(suppressed).filteredOn(s -> s.path("ts").asLong() < T0430)
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.path("reasons").toString()).contains("\"muted\""));
        assertThat(alerts).isNotEmpty().allSatisfy(a -> {
            assertThat(a.path("ts").asLong()).isGreaterThanOrEqualTo(T0430);
            assertThat(a.path("channel").asText()).isEqualTo("default");
        });
        // the muted channel has its own throttle and sends nothing
        assertThat(suppressed).filteredOn(s -> s.path("channel").asText().equals("ops"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.path("reasons").toString()).contains("muted_channel"));
        // audit in (ts, seq) order: the channel mute at ts 0 first
        assertThat(audit).extracting(a -> a.path("status").asText()).containsExactly("applied", "applied", "rejected");
        assertThat(audit.get(2).path("problem").asText()).isEqualTo("unknown_action");
        assertThat(audit.get(1).path("seq").asLong()).isEqualTo(2); // line numbers, the comment is line 1
    }
}
