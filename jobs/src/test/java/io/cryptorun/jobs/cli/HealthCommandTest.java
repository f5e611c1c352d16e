package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code cryptorun health} against a real HTTP server on loopback that answers as a Flink 1.20
 * REST API (recorded payloads in src/test/resources/flink-rest; metric values from a table).
 */
class HealthCommandTest {
    static final String JOB = "a3c1e5f700000000000000000000beef";
    static final String SOURCE_VERTEX = "cbc357ccb763df2852fee8c4fc7d55f2";
    static final String BOOK_VERTEX = "0a448493b4782967b150582570326227";
    static final long ACK = 1765100500000L;

    HttpServer server;
    final Map<String, String> routes = new ConcurrentHashMap<>();
    /** metric id -> value the {@code ?get=..&agg=max} query answers (absent: not reported). */
    final Map<String, String> metricMax = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    static String payload(String name) throws IOException {
        try (InputStream in = HealthCommandTest.class.getResourceAsStream("/flink-rest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            requests.add(path + (query == null ? "" : "?" + query));
            String body;
            int code = 200;
            if (path.endsWith("/subtasks/metrics") && query != null && query.startsWith("get=")) {
                body = metricValues(query);
            } else {
                body = routes.get(path);
                if (body == null) {
                    code = 404;
                    body = "{\"errors\":[\"Not found: " + path + "\"]}";
                }
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(code, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        routes.put("/overview", payload("overview.json"));
        routes.put("/jobs/overview", payload("jobs-overview.json"));
        routes.put("/jobs/" + JOB, payload("job-live.json"));
        routes.put("/jobs/" + JOB + "/checkpoints", payload("checkpoints.json"));
        routes.put("/jobs/" + JOB + "/exceptions", payload("exceptions-none.json"));
        routes.put("/jobs/" + JOB + "/vertices/" + SOURCE_VERTEX + "/subtasks/metrics", payload("source-metric-ids.json"));
        routes.put("/jobs/" + JOB + "/vertices/" + BOOK_VERTEX + "/subtasks/metrics", payload("book-metric-ids.json"));
    }

    private String metricValues(String query) {
        List<String> rows = new ArrayList<>();
        String get = query.substring(4, query.indexOf("&agg=max"));
        for (String raw : get.split(",")) {
            String id = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            String v = metricMax.get(id);
            rows.add(v == null ? "{\"id\":\"" + id + "\"}" : "{\"id\":\"" + id + "\",\"max\":" + v + "}");
        }
        return "[" + String.join(",", rows) + "]";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String rest() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    record Run(int exit, String out, String err) {}

    static Run run(long now, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = CryptoRunCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        HealthCommand h = cl.getSubcommands().get("health").getCommand();
        h.nowMillis = now;
        h.zone = ZoneOffset.UTC;
        List<String> a = new ArrayList<>(List.of("health"));
        a.addAll(List.of(args));
        int exit = cl.execute(a.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    void liveValues(String krakenBtcAge, String krakenEthAge, String krakenCircuit) {
        metricMax.put("Source__live-websockets.live.venue.kraken.circuitState", krakenCircuit);
        metricMax.put("Source__live-websockets.live.venue.kraken.symbol.BTC/USD.freshnessMillis", krakenBtcAge);
        metricMax.put("Source__live-websockets.live.venue.kraken.symbol.ETH/USD.freshnessMillis", krakenEthAge);
        metricMax.put("Source__live-websockets.live.venue.coinbase.circuitState", "0.0");
        metricMax.put("Source__live-websockets.live.venue.coinbase.symbol.BTC-USD.freshnessMillis", "800.0");
    }

    @Test
    void liveJobHealthyPicksTheOneActiveJobAndReadsTheSourceMetrics() {
        liveValues("1200.0", "4000.0", "0.0");
        Run r = run(ACK + 2_000, "--rest", rest(), "--max-freshness", "10");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "cluster:    UP " + rest() + " Flink 1.20.3, 1 TaskManager(s), 3/4 slots free",
                "job:        " + JOB + " cryptorun-scanner (live) RUNNING for 120s",
                "checkpoint: #4 completed 2s ago (81234 B, 1000 ms); completed 4, failed 1, in progress 0",
                "restored:   savepoint file:/tmp/sp/savepoint-11111-abcdef",
                "sources:    live WebSockets, 2 venue(s); data older than 10s (p99 over a venue's symbols) or an open circuit is unhealthy",
                "venue:      coinbase  circuit closed; freshness worst BTC-USD 0.8s, p99 0.8s, median 0.8s over 1 symbol(s)",
                "venue:      kraken    circuit closed; freshness worst ETH/USD 4.0s, p99 4.0s, median 1.2s over 2 symbol(s)",
                "last error: none",
                "HEALTHY");
        // only the live metrics were asked for, URL-encoded ('/' of BTC/USD), with agg=max
        assertThat(requests).anyMatch(q -> q.contains("kraken.symbol.BTC%2FUSD.freshnessMillis") && q.endsWith("&agg=max"));
        assertThat(requests).noneMatch(q -> q.contains("numRecordsOut") && q.contains("get="));
    }

    @Test
    void staleDataAndOpenCircuitAreUnhealthy() {
        liveValues("1200.0", "10001.0", "2.0");
        Run stale = run(ACK + 2_000, "--rest", rest(), "--max-freshness", "10", JOB);
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(stale.out().lines()).last()
                .isEqualTo("UNHEALTHY: kraken data 10s old (p99, > 10s; worst ETH/USD); kraken circuit open");
        liveValues("1200.0", "10000.0", "1.0");
        assertThat(run(ACK + 2_000, "--rest", rest(), "--max-freshness", "10", JOB).exit()).isZero();
    }

    @Test
    void checkpointAgeOption() {
        liveValues("1.0", "1.0", "0.0");
        assertThat(run(ACK + 30_000, "--rest", rest(), "--max-checkpoint-age", "30").exit()).isZero();
        Run old = run(ACK + 31_000, "--rest", rest(), "--max-checkpoint-age", "30");
        assertThat(old.exit()).isEqualTo(1);
        assertThat(old.out()).contains("UNHEALTHY: last checkpoint 31s old (> 30s)");
    }

    @Test
    void aReplayJobSkipsTheLiveChecks() throws IOException {
        routes.put("/jobs/" + JOB + "/vertices/" + SOURCE_VERTEX + "/subtasks/metrics", payload("book-metric-ids.json"));
        Run r = run(ACK, "--rest", rest());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("sources:    replay or Kafka (no live WebSocket source): freshness and circuit checks skipped");
    }

    @Test
    void downUnknownJobSeveralJobsAndBadInput() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run down = run(ACK, "--rest", "http://127.0.0.1:" + closed);
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.out().lines()).containsExactly("cluster:    DOWN (no REST API at http://127.0.0.1:" + closed + ")", "UNHEALTHY");

        Run unknown = run(ACK, "--rest", rest(), "ffffffffffffffffffffffffffffffff");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.out().lines()).containsExactly("job:        ffffffffffffffffffffffffffffffff UNKNOWN", "UNHEALTHY");

        routes.put("/jobs/overview", payload("jobs-overview.json").replace("\"FINISHED\"", "\"RUNNING\""));
        Run several = run(ACK, "--rest", rest());
        assertThat(several.exit()).isEqualTo(2);
        assertThat(several.err()).contains("cryptorun: error: 2 jobs run on " + rest() + " (give a JOB_ID)").doesNotContain("Exception");

        Run bad = run(ACK, "--rest", rest(), "not-a-job");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("cryptorun: error: not a Flink job id: not-a-job (32 hex digits, see `./cryptorun cluster status`)");
    }
}
