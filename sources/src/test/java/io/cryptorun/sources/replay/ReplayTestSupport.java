package io.cryptorun.sources.replay;

import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.replay.split.ReplayFileSplit;
import io.cryptorun.sources.time.Rfc3339;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/** Builders for fixture lines and files, and loops to drive a reader outside Flink. */
public final class ReplayTestSupport {
    /** 2023-11-14T22:13:20Z in µs: a round base time for fixtures. */
    public static final long T0 = 1_700_000_000_000_000L;

    private ReplayTestSupport() {}

    /** A Kraken v2 trade frame whose exchange timestamp is {@code exchangeMicros}. */
    public static String tradeFrame(String symbol, String price, String qty, long tradeId, long exchangeMicros) {
        return "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"" + symbol + "\",\"side\":\"buy\","
                + "\"price\":" + price + ",\"qty\":" + qty + ",\"ord_type\":\"market\",\"trade_id\":" + tradeId
                + ",\"timestamp\":\"" + Rfc3339.formatMicros(exchangeMicros) + "\"}]}";
    }

    public static String heartbeatFrame() {
        return "{\"channel\":\"heartbeat\"}";
    }

    /** A fixture line carrying a Kraken trade received at {@code ts}, exchange time 1 ms earlier. */
    public static String tradeLine(long ts, String conn, String symbol, long tradeId) {
        return new FixtureLine(ts, "kraken", conn, tradeFrame(symbol, "100." + (tradeId % 10), "0.5", tradeId, ts - 1000)).toJson();
    }

    public static String heartbeatLine(long ts, String conn) {
        return new FixtureLine(ts, "kraken", conn, heartbeatFrame()).toJson();
    }

    public static Path write(Path file, List<String> lines) throws IOException {
        String text = String.join("\n", lines) + "\n";
        if (file.getFileName().toString().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(text);
            }
        }
        return file;
    }

    /** Writes a manifest describing the given frame and history files (paths relative to dir). */
    public static Manifest writeManifest(Path dir, List<Path> frames, List<Path> history) throws IOException {
        List<Manifest.FileEntry> entries = new ArrayList<>();
        TreeSet<String> allConns = new TreeSet<>();
        for (Path f : frames) {
            TreeSet<String> conns = new TreeSet<>();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            try (var r = Manifest.open(f)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) continue;
                    try {
                        FixtureLine fl = FixtureLine.parse(line);
                        conns.add(fl.conn());
                        first = Math.min(first, fl.ts());
                        last = Math.max(last, fl.ts());
                    } catch (IllegalArgumentException ignored) {
                        // bad lines are still counted lines
                    }
                }
            }
            allConns.addAll(conns);
            entries.add(new Manifest.FileEntry(dir.relativize(f).toString(), Manifest.KIND_FRAMES, Manifest.countLines(f, false),
                    Manifest.sha256(f), List.copyOf(conns), List.of(), first, last));
        }
        for (Path f : history) {
            entries.add(new Manifest.FileEntry(dir.relativize(f).toString(), Manifest.KIND_HISTORY, Manifest.countLines(f, true),
                    Manifest.sha256(f), List.of(), List.of(), 0, 0));
        }
        Manifest m = new Manifest(Manifest.FORMAT, "test", List.of("kraken"), List.of(), 0, 0, entries);
        m.write(dir);
        return m;
    }

    /** Polls until the reader ends, waiting on its availability future when it has nothing. */
    public static <T> void drain(SourceReader<T, ReplayFileSplit> reader, CollectingReaderOutput<T> out) throws Exception {
        pollUntil(reader, out, Integer.MAX_VALUE);
    }

    /** Polls until at least {@code records} were emitted or the reader ended; returns the last status. */
    public static <T> InputStatus pollUntil(SourceReader<T, ReplayFileSplit> reader, CollectingReaderOutput<T> out, int records)
            throws Exception {
        for (int guard = 0; guard < 10_000_000; guard++) {
            if (out.emitted().size() >= records) return InputStatus.MORE_AVAILABLE;
            InputStatus s = reader.pollNext(out);
            if (s == InputStatus.END_OF_INPUT) return s;
            if (s == InputStatus.NOTHING_AVAILABLE) reader.isAvailable().get(30, TimeUnit.SECONDS);
        }
        throw new AssertionError("reader did not finish");
    }
}
