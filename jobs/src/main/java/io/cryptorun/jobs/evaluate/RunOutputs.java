package io.cryptorun.jobs.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptorun.jobs.output.OutputFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A finished run's output directory, read generically (field names from {@code docs/QA.md}, no
 * assumption about how many alerts, regimes or gates there are): the small files whole, the large
 * ones ({@code scores}, {@code bars}, {@code microstructure}) reduced to what the report and the
 * evaluation need while streaming. Missing files read as empty (a run may predate an output).
 */
public final class RunOutputs {
    public static final ObjectMapper JSON_READER = new ObjectMapper();
    public static final ObjectMapper JSON = JSON_READER;
    private static final long MINUTE = 60_000_000L;

    /** One scored candidate (one line of {@code scores.jsonl}). */
    public record Score(long ts, String symbol, double score, String band, String regime, boolean pass,
            double lastPrice, double atr1h, List<String> failedGates) {}

    /** One bar: {@code ts} is the open time (epoch µs). */
    public record Bar(long ts, double open, double high, double low, double close) {}

    public final Path dir;
    public final JsonNode summary;
    public final List<JsonNode> alerts;
    public final List<JsonNode> exits;
    public final List<JsonNode> suppressed;
    public final List<JsonNode> regimes;
    public final List<Score> scores = new ArrayList<>();
    /** symbol → interval → open time → bar (later lines for the same key win, as in the bar operator). */
    public final Map<String, Map<String, TreeMap<Long, Bar>>> bars = new TreeMap<>();
    /** quarantine reason → lines in {@code quarantine.jsonl}. */
    public final Map<String, Long> quarantineByReason = new TreeMap<>();

    private RunOutputs(Path dir) throws IOException {
        this.dir = dir;
        Path summaryFile = dir.resolve(OutputFiles.SUMMARY);
        this.summary = Files.exists(summaryFile) ? JSON.readTree(summaryFile.toFile()) : JsonNodeFactory.instance.objectNode();
        this.alerts = readAll(dir.resolve(OutputFiles.ALERTS));
        this.exits = readAll(dir.resolve(OutputFiles.EXITS));
        this.suppressed = readAll(dir.resolve(OutputFiles.SUPPRESSED));
        this.regimes = readAll(dir.resolve(OutputFiles.REGIME));
        lines(dir.resolve(OutputFiles.SCORES), n -> scores.add(score(n)));
        lines(dir.resolve(OutputFiles.BARS), n -> bars.computeIfAbsent(n.path("symbol").asText(), s -> new TreeMap<>())
                .computeIfAbsent(n.path("interval").asText(), i -> new TreeMap<>())
                .put(n.path("ts").asLong(), new Bar(n.path("ts").asLong(), n.path("open").asDouble(), n.path("high").asDouble(),
                        n.path("low").asDouble(), n.path("close").asDouble())));
        lines(dir.resolve(OutputFiles.QUARANTINE), n -> quarantineByReason.merge(n.path("reason").asText(), 1L, Long::sum));
    }

    /** Reads {@code dir}; a directory without {@code summary.json} and {@code scores.jsonl} is not a run. */
    public static RunOutputs read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("run directory not found: " + dir.toAbsolutePath());
        }
        if (!Files.exists(dir.resolve(OutputFiles.SUMMARY)) && !Files.exists(dir.resolve(OutputFiles.SCORES))) {
            throw new IllegalArgumentException("not a run directory (no " + OutputFiles.SUMMARY + " or " + OutputFiles.SCORES
                    + "): " + dir.toAbsolutePath() + " (pass the --out directory of run/replay)");
        }
        return new RunOutputs(dir);
    }

    private static Score score(JsonNode n) {
        List<String> failed = new ArrayList<>();
        n.path("gates").fields().forEachRemaining(e -> {
            if (!e.getValue().path("pass").asBoolean(true)) {
                failed.add(e.getKey());
            }
        });
        JsonNode in = n.path("inputs");
        return new Score(n.path("ts").asLong(), n.path("symbol").asText(), n.path("score").asDouble(Double.NaN),
                n.path("band").asText(""), n.path("regime").asText(""), n.path("pass").asBoolean(false),
                in.path("last_price").asDouble(Double.NaN), in.path("atr_1h").asDouble(Double.NaN), List.copyOf(failed));
    }

    /** The 1-minute bars of {@code symbol}, by open time (empty when the run has none). */
    public TreeMap<Long, Bar> minuteBars(String symbol) {
        return bars.getOrDefault(symbol, Map.of()).getOrDefault("1m", new TreeMap<>());
    }

    /**
     * The last traded price known at {@code t}: the close of the last 1-minute bar closed by then
     * (open time + 1 min ≤ t), NaN when there is none.
     */
    public double priceAt(String symbol, long t) {
        Map.Entry<Long, Bar> e = minuteBars(symbol).floorEntry(t - MINUTE);
        return e == null ? Double.NaN : e.getValue().close();
    }

    /** The close time of the last 1-minute bar of {@code symbol} (Long.MIN_VALUE when none). */
    public long lastMinuteClose(String symbol) {
        TreeMap<Long, Bar> m = minuteBars(symbol);
        return m.isEmpty() ? Long.MIN_VALUE : m.lastKey() + MINUTE;
    }

    /** Streams one JSONL file line by line (nothing when the file is missing). */
    public static void lines(Path file, Consumer<JsonNode> each) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    each.accept(JSON.readTree(line));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static List<JsonNode> readAll(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        lines(file, out::add);
        return out;
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
