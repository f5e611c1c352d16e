package io.cryptorun.simulator;

import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.model.Bar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deterministic simulator of Kraken v2 market data for the scanner: a regime-switching market with
 * pre-move setups ({@link MarketModel}), rendered as the raw frames a recorder would have captured
 * (one {@code kraken-<n>.jsonl.gz} per connection of at most 10 symbols), as 1h bar history before
 * them ({@code history-1h.csv.gz}), a {@code manifest.json} and the ground truth ({@code truth.json}).
 * With {@link Venues} the same market is also (or instead) rendered as Coinbase, Bitstamp and Gemini
 * native frames ({@code <venue>-<n>.jsonl.gz}, same sharding), optionally over only the first
 * minutes of the frame period.
 *
 * <p>Everything written is a function of the {@link SimConfig} alone: no wall clock, no hash-order
 * iteration, numbers rendered from exact longs. Connections are generated in parallel; each one is
 * independent, so the thread schedule does not affect the bytes.
 */
public final class MarketSimulator {
    public static final String HISTORY_FILE = "history-1h.csv.gz";
    /** {@code --scenario} only: social readings (the replay reads them, {@code SocialFile}); not market data, not in the manifest. */
    public static final String SOCIAL_FILE = "social.jsonl";
    /** {@code --scenario} only: the planted waves' tails and the flush (truth for the exit rules). */
    public static final String SCENARIO_FILE = "scenario.json";

    private final SimConfig config;
    private final Venues venues;
    private final MarketModel model;
    private final List<List<Integer>> shards;

    /**
     * Which venues to render and how much of the frame period (the market model is not affected).
     *
     * @param list         venues in output order; the default is Kraken alone
     * @param frameMinutes frames only for the first minutes of the frame period; 0 = all of it
     */
    public record Venues(List<SimVenue> list, int frameMinutes) {
        public static final Venues KRAKEN_ONLY = new Venues(List.of(SimVenue.KRAKEN), 0);

        public Venues {
            if (list.isEmpty()) throw new IllegalArgumentException("--venues needs at least one venue");
            if (frameMinutes < 0) throw new IllegalArgumentException("--frame-minutes must be ≥ 0, got " + frameMinutes);
            list = List.copyOf(list);
        }

        /** What the options add to {@link SimConfig#commandLine()}; empty for the default. */
        String commandLineSuffix() {
            StringBuilder sb = new StringBuilder();
            if (!list.equals(KRAKEN_ONLY.list)) {
                sb.append(" --venues ").append(String.join(",", list.stream().map(SimVenue::id).toList()));
            }
            if (frameMinutes > 0) sb.append(" --frame-minutes ").append(frameMinutes);
            return sb.toString();
        }
    }

    /** One file written. */
    public record WrittenFile(String path, long lines, long bytes) {}

    /** What {@link #writeTo} produced; {@code files} lists every file including manifest and truth. */
    public record Result(Manifest manifest, GroundTruth truth, List<WrittenFile> files) {
        public long totalLines() {
            return files.stream().mapToLong(WrittenFile::lines).sum();
        }

        public long totalBytes() {
            return files.stream().mapToLong(WrittenFile::bytes).sum();
        }
    }

    public MarketSimulator(SimConfig config) {
        this(config, Venues.KRAKEN_ONLY);
    }

    public MarketSimulator(SimConfig config, Venues venues) {
        if (venues.frameMinutes() > config.hours() * 60) {
            throw new IllegalArgumentException("--frame-minutes " + venues.frameMinutes() + " exceeds --hours " + config.hours());
        }
        this.config = config;
        this.venues = venues;
        this.model = new MarketModel(config);
        this.shards = ConnectionWriter.shard(config.symbols());
    }

    public SimConfig config() {
        return config;
    }

    public List<InstrumentSpec> instruments() {
        return model.specs;
    }

    /** Connection ids, {@code kraken-0} … */
    public List<String> connections() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < shards.size(); c++) out.add(ConnectionWriter.connName(c));
        return out;
    }

    public GroundTruth truth() {
        List<GroundTruth.InstrumentTruth> instruments = new ArrayList<>();
        for (int i = 0; i < model.specs.size(); i++) {
            InstrumentSpec s = model.specs.get(i);
            instruments.add(new GroundTruth.InstrumentTruth(s.symbol(), ConnectionWriter.connName(i % shards.size()),
                    s.tier().label(), s.anchorPrice(), s.pricePrecision(), s.qtyPrecision(), s.spreadBps(), s.depthUsd(),
                    GroundTruth.liquidity(s)));
        }
        return new GroundTruth(config, List.copyOf(model.regimes), model.setups, List.copyOf(instruments));
    }

    /** The 1h bars of the history period, sorted by (open time, symbol). */
    public List<Bar> historyBars() {
        return HistoryBuilder.build(model);
    }

    /**
     * Writes frames, history, manifest and truth into {@code dir} (created if missing). Files of an
     * earlier run there are overwritten, and its frame or history files that this run does not write
     * are deleted, so the directory always matches its manifest.
     */
    public Result writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        removeStale(dir);
        List<Manifest.FileEntry> entries = new ArrayList<>();
        List<WrittenFile> written = new ArrayList<>();

        int threads = Math.max(1, Math.min(shards.size() * venues.list().size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "simulate-conn");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Manifest.FileEntry>> futures = new ArrayList<>();
            for (SimVenue venue : venues.list()) {
                for (int c = 0; c < shards.size(); c++) {
                    int index = c;
                    futures.add(pool.submit(() -> writeConnection(dir, venue, index)));
                }
            }
            for (Future<Manifest.FileEntry> f : futures) {
                entries.add(get(f));
            }
        } finally {
            pool.shutdownNow();
        }
        long firstTs = Long.MAX_VALUE;
        long lastTs = Long.MIN_VALUE;
        for (Manifest.FileEntry e : entries) {
            firstTs = Math.min(firstTs, e.firstTs());
            lastTs = Math.max(lastTs, e.lastTs());
        }
        if (config.historyDays() > 0) {
            entries.add(writeHistory(dir));
        }
        for (Manifest.FileEntry e : entries) {
            written.add(new WrittenFile(e.path(), e.lines(), Files.size(dir.resolve(e.path()))));
        }

        List<String> symbols = model.specs.stream().map(InstrumentSpec::symbol).sorted().toList();
        List<String> venueIds = venues.list().stream().map(SimVenue::id).sorted().toList();
        Manifest manifest = new Manifest(Manifest.FORMAT, config.commandLine() + venues.commandLineSuffix(), venueIds, symbols,
                firstTs, lastTs, List.copyOf(entries));
        manifest.write(dir);
        written.add(new WrittenFile(Manifest.FILE_NAME, 0, Files.size(dir.resolve(Manifest.FILE_NAME))));
        GroundTruth truth = truth();
        Files.writeString(dir.resolve(GroundTruth.FILE_NAME), truth.toJson(), StandardCharsets.UTF_8);
        written.add(new WrittenFile(GroundTruth.FILE_NAME, 0, Files.size(dir.resolve(GroundTruth.FILE_NAME))));
        if (model.scenario != null) {
            // issue 14: the social readings the replay feeds to the scan, and what the scenario planted
            List<String> social = model.scenario.socialLines(config, model.specs);
            Files.writeString(dir.resolve(SOCIAL_FILE), String.join("\n", social) + "\n", StandardCharsets.UTF_8);
            written.add(new WrittenFile(SOCIAL_FILE, social.size(), Files.size(dir.resolve(SOCIAL_FILE))));
            Files.writeString(dir.resolve(SCENARIO_FILE), scenarioJson(), StandardCharsets.UTF_8);
            written.add(new WrittenFile(SCENARIO_FILE, 0, Files.size(dir.resolve(SCENARIO_FILE))));
        }
        return new Result(manifest, truth, List.copyOf(written));
    }

    private String scenarioJson() {
        StringBuilder b = new StringBuilder("{\"format\":\"cryptorun-sim-scenario/1\",\"generator\":\"")
                .append(config.commandLine()).append("\",\"flush\":{\"start\":\"").append(Times.seconds(model.scenario.flushStart))
                .append("\",\"end\":\"").append(Times.seconds(model.scenario.flushEnd())).append("\",\"move_bps\":")
                .append(ScenarioPlan.FLUSH_BPS).append("},\"planted\":[");
        boolean first = true;
        for (ScenarioPlan.Planted p : model.scenario.planted) {
            b.append(first ? "\n" : ",\n");
            first = false;
            b.append("{\"symbol\":\"").append(p.setup().symbol()).append("\",\"direction\":").append(p.setup().direction())
                    .append(",\"move_start\":\"").append(Times.seconds(p.setup().moveStartMicros())).append("\",\"move_bps\":")
                    .append(p.setup().moveBps()).append(",\"tail\":\"").append(p.tail().name().toLowerCase(java.util.Locale.ROOT))
                    .append("\"}");
        }
        b.append("\n],\"nudges\":[");
        first = true;
        for (ScenarioPlan.Nudge n : model.scenario.nudges) {
            b.append(first ? "\n" : ",\n");
            first = false;
            b.append("{\"symbol\":\"").append(n.symbol()).append("\",\"start\":\"").append(Times.seconds(n.startMicros()))
                    .append("\",\"minutes\":").append(n.minutes()).append(",\"bps\":").append(n.bps())
                    .append(",\"for\":\"").append(n.purpose()).append("\"}");
        }
        b.append("\n]");
        if (model.scenario.rateHourSymbol != null) {
            b.append(",\"rate_hour_buzz\":{\"symbol\":\"").append(model.scenario.rateHourSymbol).append("\",\"ts\":\"")
                    .append(Times.seconds(model.scenario.rateHourSlot)).append("\"}");
        }
        return b.append("}\n").toString();
    }

    private void removeStale(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                boolean frames = false;
                boolean ours = false;
                for (SimVenue v : SimVenue.values()) {
                    if (name.matches(v.id() + "-\\d{1,6}\\.jsonl\\.gz")) {
                        frames = true;
                        ours = venues.list().contains(v)
                                && Integer.parseInt(name.substring(name.lastIndexOf('-') + 1, name.indexOf('.'))) < shards.size();
                    }
                }
                boolean staleHistory = name.equals(HISTORY_FILE) && config.historyDays() == 0;
                boolean staleScenario = (name.equals(SOCIAL_FILE) || name.equals(SCENARIO_FILE)) && model.scenario == null;
                if ((frames && !ours) || staleHistory || staleScenario) {
                    Files.delete(p);
                }
            }
        }
    }

    private Manifest.FileEntry writeConnection(Path dir, SimVenue venue, int index) throws IOException {
        String name = venue.connName(index) + ".jsonl.gz";
        GzipLineWriter out = new GzipLineWriter(dir.resolve(name));
        long end = venues.frameMinutes() > 0 ? config.startMicros() + venues.frameMinutes() * Times.MINUTE : config.endMicros();
        ConnectionWriter.Stats stats;
        try (out) {
            stats = new ConnectionWriter(model, venue, end, index, shards.get(index), out).write();
        }
        return new Manifest.FileEntry(name, Manifest.KIND_FRAMES, stats.lines(), out.sha256(), stats.conns(),
                stats.symbols(), stats.firstTs(), stats.lastTs());
    }

    private Manifest.FileEntry writeHistory(Path dir) throws IOException {
        List<Bar> bars = historyBars();
        GzipLineWriter out = new GzipLineWriter(dir.resolve(HISTORY_FILE));
        try (out) {
            out.line(HistoryBuilder.HEADER);
            for (Bar b : bars) out.line(HistoryBuilder.csvRow(b));
        }
        List<String> symbols = model.specs.stream().map(InstrumentSpec::symbol).sorted().toList();
        return new Manifest.FileEntry(HISTORY_FILE, Manifest.KIND_HISTORY, bars.size(), out.sha256(), List.of(), symbols,
                bars.get(0).openTimeMicros(), bars.get(bars.size() - 1).openTimeMicros());
    }

    private static <T> T get(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while simulating", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof UncheckedIOException u) throw u.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
    }
}
