package io.cryptorun.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.fixture.Manifest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SimulateCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void writesTheFixtureAndPrintsOneSummaryLine() throws Exception {
        Path dir = tmp.resolve("fx");
        Run r = run("--seed", "3", "--symbols", "5", "--hours", "1", "--history-days", "1", "--start", "2025-03-01T12:00:00Z",
                "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        assertThat(r.out()).startsWith("simulate: wrote 4 files, ").contains(" lines, ").contains(" bytes ")
                .contains("cryptorun simulate --seed 3 --symbols 5 --hours 1 --history-days 1 --start 2025-03-01T12:00:00Z");
        Manifest m = Manifest.read(dir);
        assertThat(m.verify(dir)).isEmpty();
        assertThat(m.generator()).isEqualTo("cryptorun simulate --seed 3 --symbols 5 --hours 1 --history-days 1 --start 2025-03-01T12:00:00Z");
        assertThat(Files.exists(dir.resolve("truth.json"))).isTrue();
        assertThat(FixtureReplay.replay(dir).failures).isEmpty();
    }

    @Test
    void zeroHistoryDaysWritesNoHistoryFile() throws Exception {
        Path dir = tmp.resolve("nohist");
        Run r = run("--symbols", "2", "--hours", "1", "--history-days", "0", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Manifest.read(dir).filesOfKind(Manifest.KIND_HISTORY)).isEmpty();
        assertThat(Files.exists(dir.resolve(MarketSimulator.HISTORY_FILE))).isFalse();
    }

    @Test
    void rerunIntoTheSameDirectoryLeavesOnlyItsOwnFiles() throws Exception {
        Path dir = tmp.resolve("again");
        assertThat(run("--symbols", "12", "--hours", "1", "--history-days", "1", "--out", dir.toString()).code()).isZero();
        assertThat(dir.resolve("kraken-1.jsonl.gz")).exists();
        Files.writeString(dir.resolve("notes.txt"), "kept");
        assertThat(run("--symbols", "3", "--hours", "1", "--history-days", "0", "--out", dir.toString()).code()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("kraken-0.jsonl.gz", "manifest.json", "notes.txt", "truth.json");
        }
        assertThat(Manifest.read(dir).verify(dir)).isEmpty();
    }

    @Test
    void badOptionsFailWithAReason() {
        Run notOnHour = run("--start", "2025-01-06T00:30:00Z", "--out", tmp.toString());
        assertThat(notOnHour.code()).isEqualTo(2);
        assertThat(notOnHour.err()).contains("--start must be on a whole UTC hour");
        Run garbage = run("--start", "yesterday", "--out", tmp.toString());
        assertThat(garbage.code()).isEqualTo(2);
        assertThat(garbage.err()).contains("not an RFC 3339 timestamp");
        Run tooMany = run("--symbols", "99", "--out", tmp.toString());
        assertThat(tooMany.code()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--symbols must be between 1 and " + Universe.ALL.size());
        Run noOut = run("--seed", "1");
        assertThat(noOut.code()).isEqualTo(2);
        assertThat(noOut.err()).contains("--out");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        SimulateCommand c = new SimulateCommand();
        new CommandLine(c).parseArgs("--out", "x");
        assertThat(c.seed).isEqualTo(42);
        assertThat(c.symbols).isEqualTo(24);
        assertThat(c.hours).isEqualTo(6);
        assertThat(c.historyDays).isEqualTo(14);
        assertThat(c.start).isEqualTo("2025-01-06T00:00:00Z");
        assertThat(SimConfig.defaults().commandLine())
                .isEqualTo("cryptorun simulate --seed 42 --symbols 24 --hours 6 --history-days 14 --start 2025-01-06T00:00:00Z");
    }

    @Test
    void venuesAndFrameMinutesWriteEveryVenueAndRerunsDropOtherVenues() throws Exception {
        Path dir = tmp.resolve("venues");
        Run r = run("--symbols", "2", "--hours", "1", "--history-days", "0", "--frame-minutes", "2",
                "--venues", "kraken,coinbase,bitstamp,gemini", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("--venues kraken,coinbase,bitstamp,gemini --frame-minutes 2");
        Manifest m = Manifest.read(dir);
        assertThat(m.verify(dir)).isEmpty();
        assertThat(m.venues()).containsExactly("bitstamp", "coinbase", "gemini", "kraken");
        assertThat(m.filesOfKind(Manifest.KIND_FRAMES)).extracting(Manifest.FileEntry::path)
                .containsExactly("kraken-0.jsonl.gz", "coinbase-0.jsonl.gz", "bitstamp-0.jsonl.gz", "gemini-0.jsonl.gz");
        // a Kraken-only run into the same directory leaves only its own frame files
        assertThat(run("--symbols", "2", "--hours", "1", "--history-days", "0", "--frame-minutes", "2", "--out", dir.toString())
                .code()).isZero();
        assertThat(dir.resolve("coinbase-0.jsonl.gz")).doesNotExist();
        assertThat(Manifest.read(dir).verify(dir)).isEmpty();
    }

    @Test
    void badVenueOptionsExitWithTwo() {
        Run unknown = run("--venues", "kraken,coingecko", "--out", tmp.resolve("x").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown venue 'coingecko'");
        Run tooLong = run("--hours", "1", "--frame-minutes", "90", "--out", tmp.resolve("y").toString());
        assertThat(tooLong.code()).isEqualTo(2);
        assertThat(tooLong.err()).contains("--frame-minutes 90 exceeds --hours 1");
    }
}
