package io.cryptorun.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live WebSocket source's metrics ({@code sources/.../live/LiveMetrics}) as the Flink REST API
 * names them: operator scope, then the groups; a key/value group shows as {@code <key>.<value>}
 * ({@code live.venue.kraken.circuitState}). Values are the maximum over a vertex's subtasks (the
 * worst one), as of the REST metric store's last fetch from the TaskManagers
 * ({@code metrics.fetcher.update-interval}, 10 s by default).
 */
public final class LiveSourceMetrics {
    static final Pattern LIVE = Pattern.compile("(?:^|\\.)live\\.queueDepth$");
    static final Pattern CIRCUIT = Pattern.compile("(?:^|\\.)live\\.venue\\.([^.]+)\\.circuitState$");
    static final Pattern FRESH = Pattern.compile("(?:^|\\.)live\\.venue\\.([^.]+)\\.symbol\\.(.+)\\.freshnessMillis$");
    /** Symbols the source gave up on after its resubscribe limit (issue 10): summed over subtasks, any &gt; 0 is unhealthy. */
    static final Pattern DARK = Pattern.compile("(?:^|\\.)live\\.venue\\.([^.]+)\\.darkSymbols$");
    /** The metric names travel in the URL, whose first line the server bounds: several small GETs. */
    static final int NAMES_PER_GET = 20;

    private LiveSourceMetrics() {}

    /** One venue: its worst circuit state (0 closed, 1 half-open, 2 open; null when not reported) and per-symbol data age in ms. */
    public static final class Venue {
        Integer circuit;
        long darkSymbols;
        final Map<String, Double> agesMillis = new TreeMap<>();

        public Optional<Integer> circuit() {
            return Optional.ofNullable(circuit);
        }

        public long darkSymbols() {
            return darkSymbols;
        }

        public Map<String, Double> agesMillis() {
            return agesMillis;
        }
    }

    /** Venue name -> its metrics; empty when no vertex of the job runs a live source. */
    public static Optional<Map<String, Venue>> read(FlinkRest rest, JsonNode job) throws IOException {
        Map<String, Venue> venues = new TreeMap<>();
        boolean live = false;
        for (JsonNode v : job.path("vertices")) {
            String base = "/jobs/" + job.path("jid").asText() + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
            List<String> wanted = new ArrayList<>();
            List<String> dark = new ArrayList<>();
            for (JsonNode m : rest.get(base)) {
                String id = m.path("id").asText();
                if (CIRCUIT.matcher(id).find() || FRESH.matcher(id).find()) wanted.add(id);
                if (DARK.matcher(id).find()) dark.add(id);
                live |= LIVE.matcher(id).find();
            }
            for (int k = 0; k < dark.size(); k += NAMES_PER_GET) {
                accumulateDark(venues, rest.get(base + FlinkRest.metricQuery(dark.subList(k, Math.min(dark.size(), k + NAMES_PER_GET)), "sum")));
            }
            for (int k = 0; k < wanted.size(); k += NAMES_PER_GET) {
                JsonNode values = rest.get(base + FlinkRest.metricQuery(wanted.subList(k, Math.min(wanted.size(), k + NAMES_PER_GET)), "max"));
                accumulate(venues, values);
            }
        }
        return live ? Optional.of(venues) : Optional.empty();
    }

    /** Folds one {@code [{"id": .., "max": ..}]} answer into {@code venues}. */
    static void accumulate(Map<String, Venue> venues, JsonNode values) {
        for (JsonNode m : values) {
            JsonNode max = m.get("max");
            if (max == null || max.isNull()) continue;
            String id = m.path("id").asText();
            Matcher c = CIRCUIT.matcher(id);
            Matcher f = FRESH.matcher(id);
            if (c.find()) {
                Venue e = venues.computeIfAbsent(c.group(1), n -> new Venue());
                int state = new BigDecimal(max.asText()).intValue();
                e.circuit = e.circuit == null ? Math.max(state, 0) : Math.max(state, e.circuit);
            } else if (f.find()) {
                venues.computeIfAbsent(f.group(1), n -> new Venue()).agesMillis.put(f.group(2), max.asDouble());
            }
        }
    }

    /** Folds one {@code [{"id": .., "sum": ..}]} answer of {@code darkSymbols} gauges into {@code venues}. */
    static void accumulateDark(Map<String, Venue> venues, JsonNode values) {
        for (JsonNode m : values) {
            JsonNode sum = m.get("sum");
            if (sum == null || sum.isNull()) continue;
            Matcher d = DARK.matcher(m.path("id").asText());
            if (d.find()) venues.computeIfAbsent(d.group(1), n -> new Venue()).darkSymbols += new BigDecimal(sum.asText()).longValue();
        }
    }
}
