package io.cryptorun.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The health verdict of a session cluster and one job, from the REST answers already fetched
 * (no I/O here, so recorded payloads test it): the cluster answers with a TaskManager, the job is
 * RUNNING, its last completed checkpoint is younger than the checkpoint limit, and — when the job
 * reads live WebSockets — no venue's circuit is open and its symbols' data is fresh (p99 of the
 * per-symbol ages within the freshness limit: the WS freshness SLO of SPEC §11).
 *
 * <p>{@link #lines()} is the report, one check a line ({@code cluster:}, {@code job:},
 * {@code checkpoint:}, {@code sources:}, {@code venue:}, {@code last error:}), then
 * {@code HEALTHY} or {@code UNHEALTHY: <problem>; <problem>}.
 */
public final class ClusterHealth {
    static final String[] CIRCUIT_NAMES = {"closed", "half-open", "open"};
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** What reading the live source's metrics gave: venues, no live source (empty), or why it failed. */
    public record LiveSources(Optional<Map<String, LiveSourceMetrics.Venue>> venues, String unreadable) {
        public static LiveSources of(Optional<Map<String, LiveSourceMetrics.Venue>> venues) {
            return new LiveSources(venues, null);
        }

        public static LiveSources failed(String why) {
            return new LiveSources(Optional.empty(), why);
        }
    }

    /** Limits in seconds. */
    public record Limits(double maxCheckpointAgeSeconds, double maxFreshnessSeconds) {
        public static final double DEFAULT_SECONDS = 60;
    }

    private final List<String> lines = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private ClusterHealth() {}

    public List<String> lines() {
        return lines;
    }

    public List<String> problems() {
        return problems;
    }

    public boolean healthy() {
        return problems.isEmpty();
    }

    /** The report when the REST API does not answer at all. */
    public static ClusterHealth down(String rest) {
        ClusterHealth h = new ClusterHealth();
        h.lines.add("cluster:    DOWN (no REST API at " + rest + ")");
        h.problems.add("cluster down");
        h.lines.add("UNHEALTHY");
        return h;
    }

    /**
     * @param job the job's {@code /jobs/:id} document, or null when no job runs
     * @param live only looked at while the job is RUNNING
     */
    public static ClusterHealth evaluate(String rest, JsonNode overview, JsonNode job, JsonNode checkpoints,
                                         JsonNode exceptions, LiveSources live, Limits limits, long nowMillis, ZoneId zone) {
        ClusterHealth h = new ClusterHealth();
        h.cluster(rest, overview);
        if (job == null || job.isMissingNode() || job.isEmpty()) {
            h.lines.add("job:        none running");
            h.problems.add("no running job");
        } else {
            String state = job.path("state").asText();
            double dur = job.path("duration").asDouble(0) / 1000;
            h.lines.add(String.format(Locale.ROOT, "job:        %s %s %s for %.0fs", job.path("jid").asText(), job.path("name").asText(), state, dur));
            if (!"RUNNING".equals(state)) h.problems.add("job is " + state);
            h.checkpoint(checkpoints == null ? MissingNode.getInstance() : checkpoints, state, dur, limits.maxCheckpointAgeSeconds(), nowMillis);
            if ("RUNNING".equals(state)) h.liveSources(live, limits.maxFreshnessSeconds(), dur);
            h.lastError(exceptions == null ? MissingNode.getInstance() : exceptions, zone);
        }
        h.lines.add(h.problems.isEmpty() ? "HEALTHY" : "UNHEALTHY: " + String.join("; ", h.problems));
        return h;
    }

    private void cluster(String rest, JsonNode ov) {
        lines.add(String.format(Locale.ROOT, "cluster:    UP %s Flink %s, %s TaskManager(s), %s/%s slots free", rest,
                text(ov, "flink-version"), text(ov, "taskmanagers"), text(ov, "slots-available"), text(ov, "slots-total")));
        if (ov.path("taskmanagers").asInt(0) < 1) problems.add("no TaskManager");
    }

    private void checkpoint(JsonNode cps, String state, double dur, double limit, long now) {
        JsonNode counts = cps.path("counts");
        JsonNode latest = cps.path("latest");
        JsonNode done = latest.path("completed");
        if (done.isObject()) {
            double age = (now - done.path("latest_ack_timestamp").asLong()) / 1000.0;
            JsonNode size = done.has("state_size") ? done.get("state_size") : done.path("checkpointed_size");
            lines.add(String.format(Locale.ROOT, "checkpoint: #%s completed %.0fs ago (%s B, %s ms); completed %s, failed %s, in progress %s",
                    done.path("id").asText(), age, size.isMissingNode() ? "0" : size.asText(), text(done, "end_to_end_duration"),
                    text(counts, "completed"), text(counts, "failed"), text(counts, "in_progress")));
            if (age > limit) problems.add(String.format(Locale.ROOT, "last checkpoint %.0fs old (> %.0fs)", age, limit));
        } else {
            lines.add("checkpoint: none completed yet (failed " + counts.path("failed").asLong(0) + ")");
            if ("RUNNING".equals(state) && dur > limit) {
                problems.add(String.format(Locale.ROOT, "no completed checkpoint after %.0fs", dur));
            }
        }
        JsonNode restored = latest.path("restored");
        if (restored.isObject()) {
            lines.add("restored:   " + (restored.path("is_savepoint").asBoolean() ? "savepoint" : "checkpoint") + " "
                    + text(restored, "external_path"));
        }
    }

    private void liveSources(LiveSources live, double freshLimit, double dur) {
        if (live.unreadable() != null) {
            lines.add("sources:    metrics not readable from the REST API (" + live.unreadable() + ")");
            problems.add("source metrics not readable");
            return;
        }
        if (live.venues().isEmpty()) {
            lines.add("sources:    replay or Kafka (no live WebSocket source): freshness and circuit checks skipped");
            return;
        }
        Map<String, LiveSourceMetrics.Venue> venues = live.venues().get();
        lines.add(String.format(Locale.ROOT, "sources:    live WebSockets, %d venue(s); data older than %.0fs (p99 over "
                + "a venue's symbols) or an open circuit is unhealthy", venues.size(), freshLimit));
        if (venues.isEmpty() && dur > freshLimit) {
            problems.add(String.format(Locale.ROOT, "live source without venue metrics after %.0fs", dur));
        }
        for (Map.Entry<String, LiveSourceMetrics.Venue> v : venues.entrySet()) { // sorted by name
            String name = v.getKey();
            Integer c = v.getValue().circuit;
            String circuit = c == null ? "unknown" : c >= 0 && c < CIRCUIT_NAMES.length ? CIRCUIT_NAMES[c] : String.valueOf(c);
            List<Map.Entry<String, Double>> ages = new ArrayList<>(v.getValue().agesMillis.entrySet());
            ages.sort(Map.Entry.comparingByValue(Comparator.naturalOrder())); // stable: ties keep symbol order
            String fresh;
            if (!ages.isEmpty()) {
                int n = ages.size();
                double p99 = ages.get(p99Index(n)).getValue() / 1000;
                Map.Entry<String, Double> worst = ages.get(n - 1);
                fresh = String.format(Locale.ROOT, "worst %s %.1fs, p99 %.1fs, median %.1fs over %d symbol(s)",
                        worst.getKey(), worst.getValue() / 1000, p99, ages.get((n - 1) / 2).getValue() / 1000, n);
                if (p99 > freshLimit) {
                    problems.add(String.format(Locale.ROOT, "%s data %.0fs old (p99, > %.0fs; worst %s)", name, p99, freshLimit, worst.getKey()));
                }
            } else {
                fresh = "no frame received yet";
                if (dur > freshLimit) problems.add(String.format(Locale.ROOT, "%s sent no data in %.0fs", name, dur));
            }
            long dark = v.getValue().darkSymbols;
            lines.add(String.format(Locale.ROOT, "venue:      %-9s circuit %s; freshness %s", name, circuit, fresh)
                    + (dark > 0 ? "; " + dark + " dark symbol(s)" : ""));
            if (c != null && c == 2) problems.add(name + " circuit open");
            if (dark > 0) {
                problems.add(name + " " + dark + " dark symbol(s) (no valid book after the resubscribe limit; see the "
                        + "live_source event=symbol_dark log line)");
            }
        }
    }

    /** Nearest-rank p99 (index into the ascending ages): the worst symbol for fewer than 100 symbols. */
    static int p99Index(int n) {
        return Math.max(0, (99 * n + 99) / 100 - 1);
    }

    private void lastError(JsonNode exc, ZoneId zone) {
        JsonNode entries = exc.path("exceptionHistory").path("entries");
        if (entries.isArray() && !entries.isEmpty()) {
            JsonNode e = entries.get(0);
            String when = WHEN.format(Instant.ofEpochMilli(e.path("timestamp").asLong(0)).atZone(zone));
            String trace = e.path("stacktrace").asText("");
            String first = trace.isEmpty() ? "" : trace.lines().findFirst().orElse("");
            lines.add("last error: " + when + " " + text(e, "exceptionName") + " in " + text(e, "taskName") + ": " + first);
        } else {
            lines.add("last error: none");
        }
    }

    /** A field as Python's str() printed it: the value's text, "None" when absent. */
    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "None" : v.asText();
    }
}
