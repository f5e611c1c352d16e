package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.functions.eligibility.UniverseView;
import io.cryptorun.functions.universe.UniverseEntry;
import io.cryptorun.jobs.output.OutputFiles;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 13 {@code cryptorun universe} over a real replay of the bundled fixture with a deny (TTL 1 h)
 * and an allow command: {@code universe.jsonl} checked against the independently written
 * {@code scores.jsonl} (every scored asset is eligible at its tick in the universe, with the same
 * ADV, VADR and venue count), change-only (no entry repeats its predecessor), and the command's
 * table and JSON at the deny's start, one microsecond before its expiry and exactly at it.
 */
class UniverseReplayTest {
    /** 2025-01-06T04:00:00Z and 05:00:00Z. */
    static final long T0400 = 1_736_136_000_000_000L;
    static final long T0500 = 1_736_139_600_000_000L;

    @TempDir
    Path dir;

    @Test
    void theUniverseAgreesWithTheScoresAndTheCommandShowsListsByEventTime() throws Exception {
        Path controls = dir.resolve("controls.jsonl");
        Files.writeString(controls, String.join("\n",
                "{\"ts\":" + T0400 + ",\"action\":\"deny\",\"target\":\"SOL/USD\",\"ttl_s\":3600,\"user\":\"ops\"}",
                "{\"ts\":" + T0400 + ",\"action\":\"allow\",\"target\":\"BTC/USD\",\"user\":\"ops\"}", ""));
        ReplayOptions o = new ReplayOptions();
        o.speed = 0;
        o.controls = controls;
        Path out = dir.resolve("out");
        ReplayRunner.run(BundledFixtureReplayTest.BUNDLED, null, out, o, false, new PrintStream(PrintStream.nullOutputStream()));

        List<JsonNode> lines = AnalyticsInvariants.read(out.resolve(OutputFiles.UNIVERSE));
        List<UniverseEntry> entries = new ArrayList<>();
        for (JsonNode n : lines) entries.add(UniverseCommand.entry(n));
        assertThat(entries).isNotEmpty();
        // change-only: per symbol, each entry differs from the one before
        Map<String, UniverseEntry> previous = new HashMap<>();
        for (UniverseEntry e : entries) {
            assertThat(e.sameStateAs(previous.put(e.symbol(), e))).as(e.symbol() + " at " + e.tickMicros()).isFalse();
        }
        // far fewer lines than scores: at most one per symbol per scan tick, in practice one per symbol-hour
        List<JsonNode> scores = AnalyticsInvariants.read(out.resolve(OutputFiles.SCORES));
        assertThat(entries.size()).isLessThan(scores.size() / 10);
        // every scored asset is eligible at its tick, with the universe's ADV, VADR and venue count
        Map<Long, Map<String, UniverseEntry>> views = new HashMap<>();
        Map<String, JsonNode> lineOf = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) lineOf.put(entries.get(i).symbol() + "@" + entries.get(i).tickMicros(), lines.get(i));
        for (JsonNode s : scores) {
            long t = s.path("ts").asLong();
            Map<String, UniverseEntry> view = views.computeIfAbsent(t, k -> {
                Map<String, UniverseEntry> m = new HashMap<>();
                for (UniverseView.Row r : UniverseView.at(k, entries, List.of())) m.put(r.entry().symbol(), r.entry());
                return m;
            });
            String symbol = s.path("symbol").asText();
            UniverseEntry u = view.get(symbol);
            assertThat(u).as(symbol + " at " + t).isNotNull();
            assertThat(u.eligible()).isTrue();
            JsonNode line = lineOf.get(u.symbol() + "@" + u.tickMicros());
            JsonNode in = s.path("inputs");
            assertThat(line.path("adv_24h_usd").toString()).as(symbol + " at " + t).isEqualTo(in.path("adv_24h").toString());
            assertThat(line.path("vadr").toString()).isEqualTo(in.path("vadr").toString());
            assertThat(line.path("vadr_bars").asInt()).isEqualTo(in.path("vadr_bars").asInt());
            assertThat(u.venues().length).isEqualTo(in.path("venues_valid").asInt());
        }

        // the command at the deny's start: SOL denied, BTC allowed, every other symbol not on the allow list
        Result at = universe("--run", out.toString(), "--at", "2025-01-06T04:00:00Z");
        assertThat(at.code).isZero();
        assertThat(at.out.get(0)).startsWith("universe at 2025-01-06T04:00:00Z (").endsWith(" eligible, 0 excluded");
        assertThat(row(at, "SOL/USD")).contains(" denied ");
        assertThat(row(at, "BTC/USD")).contains(" allowed ");
        assertThat(row(at, "ETH/USD")).contains(" not_allowed ");
        // one µs before the deny expires it still holds; exactly at ts + ttl it does not
        assertThat(row(universe("--run", out.toString(), "--at", "2025-01-06T04:59:59.999999Z"), "SOL/USD")).contains(" denied ");
        assertThat(row(universe("--run", out.toString(), "--at", "2025-01-06T05:00:00Z"), "SOL/USD")).contains(" not_allowed ");
        // before the commands: no list applies
        assertThat(row(universe("--run", out.toString(), "--at", "2025-01-06T03:59:59.999999Z"), "SOL/USD")).contains(" - ");
        // --json: the universe line of the entry in force plus "alerts"
        Result json = universe("--run", out.toString(), "--at", "2025-01-06T04:00:00Z", "--json");
        assertThat(json.out).hasSameSizeAs(at.out.subList(2, at.out.size()));
        assertThat(json.out).anySatisfy(l -> assertThat(l).contains("\"symbol\":\"SOL/USD\"").endsWith(",\"alerts\":\"denied\"}"));
    }

    @Test
    void aRunWithoutUniverseIsOneLineAndExitTwo() throws Exception {
        Files.createDirectories(dir.resolve("old"));
        Result r = universe("--run", dir.resolve("old").toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).hasSize(1);
        assertThat(r.err.get(0)).startsWith("cryptorun: error: no universe.jsonl in ");
        Result none = universe("--run", dir.resolve("missing").toString());
        assertThat(none.code).isEqualTo(2);
        assertThat(none.err).containsExactly("cryptorun: error: --run " + dir.resolve("missing")
                + " is not a directory (pass the --out directory of a run or replay)");
    }

    record Result(int code, List<String> out, List<String> err) {}

    static Result universe(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = CryptoRunCli.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("universe"));
        all.addAll(List.of(args));
        int code = cmd.execute(all.toArray(new String[0]));
        return new Result(code, out.toString().lines().toList(), err.toString().lines().toList());
    }

    static String row(Result r, String symbol) {
        return r.out.stream().filter(l -> l.startsWith(symbol + " ")).findFirst().orElseThrow(() -> new AssertionError(symbol + " in " + r.out));
    }
}
