package io.cryptorun.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The health verdict on recorded Flink 1.20 REST payloads (src/test/resources/flink-rest), thresholds on and one unit either side. */
class ClusterHealthTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REST = "http://127.0.0.1:8081";
    /** The completed checkpoint of checkpoints.json was acknowledged at this time. */
    static final long ACK = 1765100500000L;
    static final ClusterHealth.Limits DEFAULTS = new ClusterHealth.Limits(60, 60);

    static JsonNode payload(String name) throws IOException {
        try (InputStream in = ClusterHealthTest.class.getResourceAsStream("/flink-rest/" + name)) {
            return JSON.readTree(in);
        }
    }

    static ClusterHealth.LiveSources noLive() {
        return ClusterHealth.LiveSources.of(Optional.empty());
    }

    static ClusterHealth evaluate(JsonNode job, ClusterHealth.LiveSources live, ClusterHealth.Limits limits, long now) throws IOException {
        return ClusterHealth.evaluate(REST, payload("overview.json"), job, payload("checkpoints.json"), payload("exceptions-none.json"),
                live, limits, now, ZoneOffset.UTC);
    }

    static Map<String, LiveSourceMetrics.Venue> venues(Map<String, Object> idToMax) {
        ObjectNode[] rows = idToMax.entrySet().stream().map(e -> {
            ObjectNode n = JSON.createObjectNode().put("id", e.getKey());
            if (e.getValue() == null) n.putNull("max"); else n.put("max", ((Number) e.getValue()).doubleValue());
            return n;
        }).toArray(ObjectNode[]::new);
        Map<String, LiveSourceMetrics.Venue> v = new TreeMap<>();
        LiveSourceMetrics.accumulate(v, JSON.createArrayNode().addAll(java.util.List.of(rows)));
        return v;
    }

    @Test
    void healthyReplayJobPrintsEveryCheck() throws IOException {
        ClusterHealth h = evaluate(payload("job-live.json"), noLive(), DEFAULTS, ACK + 5_000);
        assertThat(h.lines()).containsExactly(
                "cluster:    UP http://127.0.0.1:8081 Flink 1.20.3, 1 TaskManager(s), 3/4 slots free",
                "job:        a3c1e5f700000000000000000000beef cryptorun-scanner (live) RUNNING for 120s",
                "checkpoint: #4 completed 5s ago (81234 B, 1000 ms); completed 4, failed 1, in progress 0",
                "restored:   savepoint file:/tmp/sp/savepoint-11111-abcdef",
                "sources:    replay or Kafka (no live WebSocket source): freshness and circuit checks skipped",
                "last error: none",
                "HEALTHY");
        assertThat(h.healthy()).isTrue();
    }

    @Test
    void checkpointAgeIsUnhealthyOnlyAboveTheLimit() throws IOException {
        JsonNode job = payload("job-live.json");
        assertThat(evaluate(job, noLive(), DEFAULTS, ACK + 59_999).healthy()).isTrue();
        assertThat(evaluate(job, noLive(), DEFAULTS, ACK + 60_000).healthy()).isTrue();
        ClusterHealth late = evaluate(job, noLive(), DEFAULTS, ACK + 61_000);
        assertThat(late.problems()).containsExactly("last checkpoint 61s old (> 60s)");
        assertThat(late.lines()).last().isEqualTo("UNHEALTHY: last checkpoint 61s old (> 60s)");
        // --max-checkpoint-age 0: any completed checkpoint is too old once a millisecond passed
        assertThat(evaluate(job, noLive(), new ClusterHealth.Limits(0, 60), ACK + 1).healthy()).isFalse();
        assertThat(evaluate(job, noLive(), new ClusterHealth.Limits(0, 60), ACK).healthy()).isTrue();
    }

    @Test
    void noCheckpointYetIsUnhealthyOnlyAfterTheLimit() throws IOException {
        ObjectNode job = (ObjectNode) payload("job-live.json");
        JsonNode none = JSON.readTree("{\"counts\":{\"completed\":0,\"failed\":2},\"latest\":{\"completed\":null,\"restored\":null}}");
        job.put("duration", 60_000);
        ClusterHealth young = ClusterHealth.evaluate(REST, payload("overview.json"), job, none, payload("exceptions-none.json"),
                noLive(), DEFAULTS, ACK, ZoneOffset.UTC);
        assertThat(young.lines()).contains("checkpoint: none completed yet (failed 2)");
        assertThat(young.healthy()).isTrue();
        job.put("duration", 61_000);
        ClusterHealth old = ClusterHealth.evaluate(REST, payload("overview.json"), job, none, payload("exceptions-none.json"),
                noLive(), DEFAULTS, ACK, ZoneOffset.UTC);
        assertThat(old.problems()).containsExactly("no completed checkpoint after 61s");
    }

    @Test
    void finishedJobNoJobAndNoTaskManager() throws IOException {
        ObjectNode job = (ObjectNode) payload("job-live.json");
        job.put("state", "FINISHED");
        ClusterHealth finished = evaluate(job, noLive(), DEFAULTS, ACK);
        assertThat(finished.problems()).containsExactly("job is FINISHED");
        assertThat(finished.lines()).noneMatch(l -> l.startsWith("sources:"));

        ObjectNode ov = (ObjectNode) payload("overview.json");
        ov.put("taskmanagers", 0);
        ClusterHealth none = ClusterHealth.evaluate(REST, ov, null, null, null, noLive(), DEFAULTS, ACK, ZoneOffset.UTC);
        assertThat(none.lines()).contains("job:        none running");
        assertThat(none.lines()).last().isEqualTo("UNHEALTHY: no TaskManager; no running job");

        assertThat(ClusterHealth.down(REST).lines()).containsExactly("cluster:    DOWN (no REST API at http://127.0.0.1:8081)", "UNHEALTHY");
    }

    @Test
    void freshnessP99OnTheLimitIsHealthyOneMillisecondAboveIsNot() throws IOException {
        JsonNode job = payload("job-live.json");
        ClusterHealth.Limits tenSeconds = new ClusterHealth.Limits(60, 10);
        for (long ms : new long[] {9_999, 10_000, 10_001}) {
            Map<String, Object> m = new TreeMap<>();
            m.put("S.live.venue.kraken.circuitState", 0);
            m.put("S.live.venue.kraken.symbol.BTC/USD.freshnessMillis", 200);
            m.put("S.live.venue.kraken.symbol.ETH/USD.freshnessMillis", ms);
            ClusterHealth h = evaluate(job, ClusterHealth.LiveSources.of(Optional.of(venues(m))), tenSeconds, ACK);
            assertThat(h.healthy()).as("p99 %d ms", ms).isEqualTo(ms <= 10_000);
            if (ms == 10_001) {
                assertThat(h.problems()).containsExactly("kraken data 10s old (p99, > 10s; worst ETH/USD)");
            }
        }
    }

    @Test
    void venueLinesCircuitStatesAndMedian() throws IOException {
        Map<String, Object> m = new TreeMap<>();
        m.put("S.live.venue.kraken.circuitState", 2);
        m.put("S.live.venue.kraken.symbol.A.freshnessMillis", 1_000);
        m.put("S.live.venue.kraken.symbol.B.freshnessMillis", 3_000);
        m.put("S.live.venue.kraken.symbol.C.freshnessMillis", 2_000);
        m.put("S.live.venue.coinbase.circuitState", 1);
        m.put("S.live.venue.gemini.circuitState", null); // not reported yet
        m.put("S.live.venue.gemini.symbol.X.freshnessMillis", 500);
        ClusterHealth h = evaluate(payload("job-live.json"), ClusterHealth.LiveSources.of(Optional.of(venues(m))), DEFAULTS, ACK);
        assertThat(h.lines()).contains(
                "sources:    live WebSockets, 3 venue(s); data older than 60s (p99 over a venue's symbols) or an open circuit is unhealthy",
                "venue:      coinbase  circuit half-open; freshness no frame received yet",
                "venue:      gemini    circuit unknown; freshness worst X 0.5s, p99 0.5s, median 0.5s over 1 symbol(s)",
                "venue:      kraken    circuit open; freshness worst B 3.0s, p99 3.0s, median 2.0s over 3 symbol(s)");
        // coinbase has no data but the job is only 120 s old and the limit 60 s: that is a problem too
        assertThat(h.problems()).containsExactly("coinbase sent no data in 120s", "kraken circuit open");
    }

    @Test
    void aDarkSymbolIsUnhealthyEvenWhenItsVenueIsFresh() throws IOException {
        Map<String, Object> m = new TreeMap<>();
        m.put("S.live.venue.kraken.circuitState", 0);
        m.put("S.live.venue.kraken.symbol.A.freshnessMillis", 1_000);
        Map<String, LiveSourceMetrics.Venue> v = venues(m);
        LiveSourceMetrics.accumulateDark(v, JSON.createArrayNode()
                .add(JSON.createObjectNode().put("id", "S.live.venue.kraken.darkSymbols").put("sum", 1.0))
                .add(JSON.createObjectNode().put("id", "S.live.venue.gemini.darkSymbols").put("sum", 0.0)));
        ClusterHealth h = evaluate(payload("job-live.json"), ClusterHealth.LiveSources.of(Optional.of(v)), DEFAULTS, ACK);
        assertThat(h.lines()).contains(
                "venue:      kraken    circuit closed; freshness worst A 1.0s, p99 1.0s, median 1.0s over 1 symbol(s); 1 dark symbol(s)");
        assertThat(h.problems()).contains(
                "kraken 1 dark symbol(s) (no valid book after the resubscribe limit; see the live_source event=symbol_dark log line)");
        assertThat(h.problems()).noneMatch(p -> p.startsWith("gemini 0"));
        assertThat(h.healthy()).isFalse();
    }

    @Test
    void unreadableMetricsAndLastError() throws IOException {
        ClusterHealth h = ClusterHealth.evaluate(REST, payload("overview.json"), payload("job-live.json"), payload("checkpoints.json"),
                payload("exceptions-one.json"), ClusterHealth.LiveSources.failed("GET /x -> HTTP 500: boom"), DEFAULTS, ACK, ZoneOffset.UTC);
        assertThat(h.lines()).contains(
                "sources:    metrics not readable from the REST API (GET /x -> HTTP 500: boom)",
                "last error: 2025-12-07T09:40:50 java.io.IOException in Source: live-websockets (1/1)#0: java.io.IOException: connection reset");
        assertThat(h.problems()).containsExactly("source metrics not readable");
    }

    @Test
    void p99IsNearestRank() {
        assertThat(ClusterHealth.p99Index(1)).isEqualTo(0);
        assertThat(ClusterHealth.p99Index(2)).isEqualTo(1);
        assertThat(ClusterHealth.p99Index(99)).isEqualTo(98);
        assertThat(ClusterHealth.p99Index(100)).isEqualTo(98);
        assertThat(ClusterHealth.p99Index(101)).isEqualTo(99);
        assertThat(ClusterHealth.p99Index(200)).isEqualTo(197);
        // independently: ceil(0.99 n) - 1
        for (int n = 1; n <= 1000; n++) {
            assertThat(ClusterHealth.p99Index(n)).isEqualTo((int) Math.ceil(new java.math.BigDecimal("0.99").multiply(java.math.BigDecimal.valueOf(n)).doubleValue()) - 1);
        }
    }
}
