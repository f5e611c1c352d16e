package io.cryptorun.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptorun.jobs.evaluate.RunOutputs;
import io.cryptorun.jobs.evaluate.RunOutputs.Bar;
import io.cryptorun.jobs.evaluate.RunOutputs.Score;
import io.cryptorun.jobs.output.OutputFiles;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the HTML report draws, reduced from a run's outputs: candles per symbol and interval,
 * alert and exit markers, regime intervals, the microstructure downsampled to one point per
 * {@value #SPARK_BUCKET_MINUTES} minutes (best venue: lowest spread, highest depth), gate trips
 * per hour, score distribution, the tables and the evaluation. Times in epoch milliseconds (what
 * the chart library takes).
 */
final class ReportData {
    static final int SPARK_BUCKET_MINUTES = 5;
    static final String[] INTERVALS = {"1h", "4h", "1d"};
    private static final long HOUR_US = 3_600_000_000L;

    private ReportData() {}

    static ObjectNode build(RunOutputs run, JsonNode evaluation) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode d = f.objectNode();
        d.put("run", run.dir.toAbsolutePath().normalize().toString());
        d.set("summary", run.summary);
        d.set("settings", run.summary.has("settings") ? run.summary.get("settings") : f.nullNode());
        d.set("evaluation", evaluation);

        TreeSet<String> symbols = new TreeSet<>(run.bars.keySet());
        run.scores.forEach(s -> symbols.add(s.symbol()));
        Map<String, Map<Long, double[]>> spark = sparklines(run);
        ArrayNode syms = d.putArray("symbols");
        for (String sym : symbols) {
            ObjectNode o = syms.addObject();
            o.put("symbol", sym);
            ObjectNode candles = o.putObject("candles");
            for (String iv : INTERVALS) {
                ArrayNode a = candles.putArray(iv);
                for (Bar b : run.bars.getOrDefault(sym, Map.of()).getOrDefault(iv, new TreeMap<>()).values()) {
                    a.addArray().add(b.ts() / 1000).add(b.open()).add(b.close()).add(b.low()).add(b.high());
                }
            }
            ArrayNode sp = o.putArray("spread");
            ArrayNode dp = o.putArray("depth");
            spark.getOrDefault(sym, Map.of()).forEach((t, v) -> {
                sp.addArray().add(t / 1000).add(round(v[0]));
                dp.addArray().add(t / 1000).add(Math.round(v[1]));
            });
        }
        ArrayNode alerts = d.putArray("alerts");
        for (JsonNode a : run.alerts) {
            ObjectNode o = alerts.addObject();
            o.put("t", a.path("ts").asLong() / 1000);
            o.put("symbol", a.path("symbol").asText());
            o.put("venue", a.path("venue").asText());
            o.put("price", a.path("microstructure").path("mid").asDouble());
            o.set("score", a.path("score"));
            o.put("band", a.path("band").asText());
            o.put("regime", a.path("regime").asText());
            o.set("sub_scores", a.path("sub_scores"));
            o.set("factors", a.path("factors"));
            o.set("gates", a.path("gates"));
            o.set("microstructure", a.path("microstructure"));
        }
        ArrayNode exits = d.putArray("exits");
        for (JsonNode e : run.exits) {
            ObjectNode o = exits.addObject();
            o.put("t", e.path("ts").asLong() / 1000);
            o.put("entry_t", e.path("entry_ts").asLong() / 1000);
            o.put("symbol", e.path("symbol").asText());
            o.set("entry", e.path("entry"));
            o.set("exit", e.path("exit"));
            o.put("reason", e.path("reason").asText());
            o.set("pnl_pct", e.path("pnl_pct"));
            o.set("fraction", e.path("fraction"));
        }
        ArrayNode regimes = d.putArray("regimes");
        long end = run.scores.stream().mapToLong(Score::ts).max().orElse(0);
        for (int i = 0; i < run.regimes.size(); i++) {
            long from = run.regimes.get(i).path("ts").asLong();
            long to = i + 1 < run.regimes.size() ? run.regimes.get(i + 1).path("ts").asLong() : Math.max(end, from + 4 * HOUR_US);
            regimes.addArray().add(from / 1000).add(to / 1000).add(run.regimes.get(i).path("regime").asText());
        }
        ObjectNode suppressed = d.putObject("suppressed");
        for (JsonNode s : run.suppressed) {
            ObjectNode bySym = suppressed.has(s.path("reason").asText())
                    ? (ObjectNode) suppressed.get(s.path("reason").asText()) : suppressed.putObject(s.path("reason").asText());
            bySym.put(s.path("symbol").asText(), bySym.path(s.path("symbol").asText()).asLong(0) + 1);
        }
        // gate trips per hour and score distribution
        TreeMap<Long, TreeMap<String, Long>> trips = new TreeMap<>();
        TreeMap<String, Long> bands = new TreeMap<>();
        long[] hist = new long[23];
        for (Score s : run.scores) {
            TreeMap<String, Long> h = trips.computeIfAbsent(s.ts() / HOUR_US * HOUR_US / 1000, k -> new TreeMap<>());
            s.failedGates().forEach(g -> h.merge(g, 1L, Long::sum));
            bands.merge(s.band().isEmpty() ? "NONE" : s.band(), 1L, Long::sum);
            if (Double.isFinite(s.score())) {
                hist[Math.max(0, Math.min(22, (int) (s.score() / 5)))]++;
            }
        }
        ObjectNode gt = d.putObject("gate_trips_by_hour");
        trips.forEach((t, m) -> {
            ObjectNode o = gt.putObject(Long.toString(t));
            m.forEach(o::put);
        });
        ObjectNode b = d.putObject("bands");
        bands.forEach(b::put);
        ArrayNode h = d.putArray("score_histogram");
        for (long c : hist) {
            h.add(c);
        }
        ObjectNode q = d.putObject("quarantine_by_reason");
        run.quarantineByReason.forEach(q::put);
        return d;
    }

    /** symbol → bucket start (µs) → {min spread_bps, max depth_usd} over the bucket's lines of every venue. */
    static Map<String, Map<Long, double[]>> sparklines(RunOutputs run) throws IOException {
        long bucket = SPARK_BUCKET_MINUTES * 60_000_000L;
        Map<String, Map<Long, double[]>> out = new TreeMap<>();
        RunOutputs.lines(run.dir.resolve(OutputFiles.MICROSTRUCTURE), n -> {
            double spread = n.path("spread_bps").asDouble(Double.NaN);
            double depth = n.path("depth_usd").asDouble(Double.NaN);
            if (!Double.isFinite(spread) || !Double.isFinite(depth)) {
                return;
            }
            double[] v = out.computeIfAbsent(n.path("symbol").asText(), s -> new TreeMap<>())
                    .computeIfAbsent(n.path("ts").asLong() / bucket * bucket, t -> new double[] {Double.POSITIVE_INFINITY, 0});
            v[0] = Math.min(v[0], spread);
            v[1] = Math.max(v[1], depth);
        });
        return out;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
