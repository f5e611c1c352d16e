package io.cryptorun.sources.live;

import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.model.MarketEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongPredicate;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * {@code cryptorun record}: runs the live feed (same connections, limits, resyncs as the source)
 * and writes every received frame as a fixture line, one file per connection
 * ({@code <conn>.jsonl}, receive order; Bitstamp REST snapshots go into their connection's file on
 * connection {@code <conn>#rest:<pair>}), then the manifest. The result replays like any fixture.
 */
public final class Recorder {
    private Recorder() {}

    /**
     * Records until {@code stop} (given the number of lines written so far) says so; returns the
     * manifest written to {@code out}.
     */
    public static Manifest record(LiveSourceConfig config, Path out, String generator, LongPredicate stop) throws Exception {
        Files.createDirectories(out);
        Map<String, BufferedWriter> writers = new TreeMap<>();
        Map<String, long[]> stats = new TreeMap<>(); // lines, firstTs, lastTs
        Map<String, TreeSet<String>> conns = new TreeMap<>();
        Map<String, TreeSet<String>> symbols = new TreeMap<>();
        IOException[] failure = new IOException[1];
        long[] written = new long[1];
        LiveFeed.Output output = new LiveFeed.Output() {
            @Override
            public void event(MarketEvent e) {}

            @Override
            public void frame(FixtureLine line, String symbol) {
                String base = line.conn().contains("#") ? line.conn().substring(0, line.conn().indexOf('#')) : line.conn();
                String file = base + ".jsonl";
                try {
                    BufferedWriter w = writers.get(file);
                    if (w == null) {
                        w = Files.newBufferedWriter(out.resolve(file), StandardCharsets.UTF_8);
                        writers.put(file, w);
                    }
                    w.write(line.toJson());
                    w.write('\n');
                } catch (IOException e) {
                    failure[0] = e;
                }
                long[] s = stats.computeIfAbsent(file, f -> new long[] {0, line.ts(), line.ts()});
                s[0]++;
                s[2] = line.ts();
                written[0]++;
                conns.computeIfAbsent(file, f -> new TreeSet<>()).add(line.conn());
                if (!symbol.isEmpty()) symbols.computeIfAbsent(file, f -> new TreeSet<>()).add(symbol);
            }
        };
        try (LiveFeed feed = new LiveFeed(config, new UnregisteredMetricsGroup())) {
            config.splits().forEach(feed::add);
            while (!stop.test(written[0]) && failure[0] == null) {
                if (feed.poll(output, 1024) == 0) {
                    try {
                        feed.available().get(100, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException ignored) {
                        // check the stop condition
                    }
                }
            }
        } finally {
            for (BufferedWriter w : writers.values()) w.close();
        }
        if (failure[0] != null) throw failure[0];
        List<Manifest.FileEntry> files = new ArrayList<>();
        TreeSet<String> allSymbols = new TreeSet<>();
        TreeSet<String> venues = new TreeSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (var e : stats.entrySet()) {
            long[] s = e.getValue();
            List<String> syms = List.copyOf(symbols.getOrDefault(e.getKey(), new TreeSet<>()));
            allSymbols.addAll(syms);
            venues.add(e.getKey().substring(0, e.getKey().indexOf('-') < 0 ? e.getKey().length() : e.getKey().indexOf('-')));
            files.add(new Manifest.FileEntry(e.getKey(), Manifest.KIND_FRAMES, s[0], Manifest.sha256(out.resolve(e.getKey())),
                    List.copyOf(conns.get(e.getKey())), syms, s[1], s[2]));
            first = Math.min(first, s[1]);
            last = Math.max(last, s[2]);
        }
        Manifest m = new Manifest(Manifest.FORMAT, generator, List.copyOf(venues), List.copyOf(allSymbols),
                files.isEmpty() ? 0 : first, files.isEmpty() ? 0 : last, files);
        m.write(out);
        return m;
    }
}
