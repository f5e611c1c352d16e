package io.cryptorun.jobs.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The example queries of sql/flink/queries, as the SQL client printed them ({@code <dir>/<query>.out},
 * tableau format), against truth rebuilt independently: the replay's own jsonl files
 * ({@code <dir>/out/*.jsonl}) for the Kafka tables, and the same aggregates computed by PostgreSQL
 * for the {@code pg_*} tables. Decimals are compared exactly (averages within their printed
 * precision); doubles (scores, pnl) within a stated tolerance. Used by deploy/local/sql-test.sh
 * through {@code cryptorun verify-sql-results}.
 */
public final class SqlQueryResults {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    public record Claim(boolean ok, String text) {}

    private final Path dir;
    private final List<Claim> claims = new ArrayList<>();

    public SqlQueryResults(Path dir) {
        this.dir = dir;
    }

    public List<Claim> claims() {
        return claims;
    }

    void claim(boolean ok, String text) {
        claims.add(new Claim(ok, text));
    }

    /** {@code 2025-01-06 00:00:00.000500} for µs since the epoch, as the client prints TIMESTAMP_LTZ(6) in UTC. */
    static String utc(long micros) {
        return UTC.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L));
    }

    /** A query's printed rows (column -> cell text); null when it printed no table, empty for "Empty set". */
    List<Map<String, String>> table(String name) throws IOException {
        Path p = dir.resolve(name + ".out");
        if (!Files.exists(p)) return null;
        String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        if (text.contains("Empty set")) return List.of();
        List<String> lines = text.lines().filter(l -> l.startsWith("|")).toList();
        if (lines.isEmpty()) return null;
        List<String> head = cells(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            List<String> c = cells(l);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(head.size(), c.size()); i++) row.put(head.get(i), c.get(i));
            rows.add(row);
        }
        return rows;
    }

    static List<String> cells(String line) {
        String t = line.strip();
        if (t.startsWith("|")) t = t.substring(1);
        if (t.endsWith("|")) t = t.substring(0, t.length() - 1);
        List<String> out = new ArrayList<>();
        for (String c : t.split("\\|", -1)) out.add(c.strip());
        return out;
    }

    List<JsonNode> jsonl(String name) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("out").resolve(name + ".jsonl"), StandardCharsets.UTF_8)) {
            String l;
            while ((l = in.readLine()) != null) if (!l.isBlank()) rows.add(JSON.readTree(l));
        }
        return rows;
    }

    static BigDecimal dec(JsonNode n) {
        return new BigDecimal(n.asText());
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }

    static boolean eq(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) == 0;
    }

    static boolean within(BigDecimal a, BigDecimal b, String tol) {
        return a.subtract(b).abs().compareTo(new BigDecimal(tol)) <= 0;
    }

    /** |a - b| <= tol * max(1, |b|): doubles (scores, pnl percentages), not decimals. */
    static boolean close(double a, double b, double tol) {
        return Math.abs(a - b) <= tol * Math.max(1.0, Math.abs(b));
    }

    static String key(JsonNode r) {
        return r.path("venue").asText() + "|" + r.path("symbol").asText();
    }

    static String key(Map<String, String> r) {
        return r.get("venue") + "|" + r.get("symbol");
    }

    // ---- the Kafka tables against the replay's jsonl ----

    public void checkKafkaTables() throws IOException {
        List<JsonNode> rows = jsonl("microstructure");
        Map<String, List<JsonNode>> by = new TreeMap<>();
        for (JsonNode r : rows) by.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
        latestPerSymbol(by);
        spreadDepthByVenue(by);
        liquidityFailures(by, "liquidity_failures", new BigDecimal(50), new BigDecimal(100000));
        liquidityFailures(by, "liquidity_failures_tight", BigDecimal.ONE, new BigDecimal(1000000));
        latestAlerts();
        exitsByReason();
        quarantineByReason();
    }

    void latestPerSymbol(Map<String, List<JsonNode>> by) throws IOException {
        List<Map<String, String>> t = table("latest_per_symbol");
        claim(t != null && t.size() == by.size(), "latest_per_symbol: " + size(t) + " rows, " + by.size() + " (venue, symbol) in the jsonl");
        for (Map<String, String> row : t == null ? List.<Map<String, String>>of() : t) {
            List<JsonNode> g = by.get(key(row));
            if (g == null) {
                claim(false, "latest_per_symbol " + row.get("symbol") + ": not in the jsonl");
                continue;
            }
            JsonNode exp = g.stream().max(Comparator.comparingLong(r -> r.path("ts").asLong())).orElseThrow();
            boolean same = row.get("ts_ltz").equals(utc(exp.path("ts").asLong())) && eq(dec(row.get("bid")), dec(exp.path("bid")))
                    && eq(dec(row.get("ask")), dec(exp.path("ask"))) && eq(dec(row.get("mid")), dec(exp.path("mid")))
                    && eq(dec(row.get("depth_usd")), dec(exp.path("depth_usd"))) && Long.parseLong(row.get("frame")) == exp.path("frame").asLong();
            claim(same, "latest_per_symbol " + row.get("symbol") + ": ts " + row.get("ts_ltz") + " bid " + row.get("bid") + " frame "
                    + row.get("frame") + " == jsonl ts " + utc(exp.path("ts").asLong()) + " bid " + exp.path("bid").asText()
                    + " frame " + exp.path("frame").asText());
        }
    }

    void spreadDepthByVenue(Map<String, List<JsonNode>> by) throws IOException {
        List<Map<String, String>> t = table("spread_depth_by_venue");
        claim(t != null && t.size() == by.size(), "spread_depth_by_venue: " + size(t) + " rows");
        for (Map<String, String> row : t == null ? List.<Map<String, String>>of() : t) {
            List<JsonNode> g = by.get(key(row));
            if (g == null) {
                claim(false, "spread_depth_by_venue " + row.get("symbol") + ": not in the jsonl");
                continue;
            }
            List<BigDecimal> sp = g.stream().map(r -> dec(r.path("spread_bps"))).toList();
            List<BigDecimal> dp = g.stream().map(r -> dec(r.path("depth_usd"))).toList();
            BigDecimal avgSp = sum(sp).divide(BigDecimal.valueOf(sp.size()), MathContext.DECIMAL128);
            BigDecimal avgDp = sum(dp).divide(BigDecimal.valueOf(dp.size()), MathContext.DECIMAL128);
            long minTs = g.stream().mapToLong(r -> r.path("ts").asLong()).min().orElseThrow();
            long maxTs = g.stream().mapToLong(r -> r.path("ts").asLong()).max().orElseThrow();
            claim(Long.parseLong(row.get("seconds")) == g.size() && row.get("first_ts").equals(utc(minTs)) && row.get("last_ts").equals(utc(maxTs)),
                    "spread_depth_by_venue " + row.get("symbol") + ": " + row.get("seconds") + " seconds " + row.get("first_ts") + " .. "
                            + row.get("last_ts") + " == jsonl " + g.size());
            BigDecimal minSp = sp.stream().min(Comparator.naturalOrder()).orElseThrow();
            BigDecimal maxSp = sp.stream().max(Comparator.naturalOrder()).orElseThrow();
            BigDecimal minDp = dp.stream().min(Comparator.naturalOrder()).orElseThrow();
            claim(eq(dec(row.get("min_spread_bps")), minSp) && eq(dec(row.get("max_spread_bps")), maxSp) && eq(dec(row.get("min_depth_usd")), minDp)
                            && within(dec(row.get("avg_spread_bps")), avgSp, "0.0001") && within(dec(row.get("avg_depth_usd")), avgDp, "0.01"),
                    "spread_depth_by_venue " + row.get("symbol") + ": min/avg/max spread " + row.get("min_spread_bps") + "/" + row.get("avg_spread_bps")
                            + "/" + row.get("max_spread_bps") + " bps, min depth " + row.get("min_depth_usd") + " exact vs jsonl " + minSp.toPlainString()
                            + "/" + avgSp.setScale(4, java.math.RoundingMode.HALF_EVEN).toPlainString() + "/" + maxSp.toPlainString() + ", " + minDp.toPlainString());
        }
    }

    void liquidityFailures(Map<String, List<JsonNode>> by, String name, BigDecimal spreadMax, BigDecimal depthMin) throws IOException {
        Map<String, List<Object>> exp = new TreeMap<>();
        for (Map.Entry<String, List<JsonNode>> e : by.entrySet()) {
            List<JsonNode> g = e.getValue();
            List<JsonNode> f = g.stream().filter(r -> dec(r.path("spread_bps")).compareTo(spreadMax) >= 0 || dec(r.path("depth_usd")).compareTo(depthMin) < 0).toList();
            if (f.isEmpty()) continue;
            long wide = g.stream().filter(r -> dec(r.path("spread_bps")).compareTo(spreadMax) >= 0).count();
            long thin = g.stream().filter(r -> dec(r.path("depth_usd")).compareTo(depthMin) < 0).count();
            exp.put(e.getKey(), List.of((long) g.size(), (long) f.size(), wide, thin, utc(f.stream().mapToLong(r -> r.path("ts").asLong()).max().orElseThrow())));
        }
        List<Map<String, String>> t = table(name);
        Map<String, List<Object>> got = null;
        if (t != null) {
            got = new TreeMap<>();
            for (Map<String, String> r : t) {
                got.put(key(r), List.of(Long.parseLong(r.get("seconds")), Long.parseLong(r.get("failing_seconds")),
                        Long.parseLong(r.get("wide_spread_seconds")), Long.parseLong(r.get("thin_depth_seconds")), r.get("last_failure")));
            }
        }
        claim(Objects.equals(got, exp), name + " (spread >= " + spreadMax + " bps or depth < " + depthMin + " USD): "
                + (got == null ? "None" : got.size()) + " failing symbols, counts " + failing(got) + " == jsonl " + failing(exp));
    }

    private static List<Long> failing(Map<String, List<Object>> m) {
        return m == null ? List.of() : m.values().stream().map(v -> (Long) v.get(1)).sorted().toList();
    }

    void latestAlerts() throws IOException {
        List<JsonNode> al = jsonl("alerts").stream()
                .sorted(Comparator.<JsonNode>comparingLong(a -> -a.path("ts").asLong()).thenComparing(a -> a.path("symbol").asText())
                        .thenComparing(a -> a.path("channel").isNull() ? "" : a.path("channel").asText("")))
                .limit(20).toList();
        List<Map<String, String>> t = table("latest_alerts");
        claim(t != null && t.size() == al.size() && !al.isEmpty(), "latest_alerts: " + size(t) + " rows == alerts.jsonl " + al.size());
        if (t == null) return;
        for (int i = 0; i < Math.min(t.size(), al.size()); i++) {
            Map<String, String> row = t.get(i);
            JsonNode exp = al.get(i);
            boolean ok = row.get("ts_ltz").equals(utc(exp.path("ts").asLong())) && row.get("symbol").equals(exp.path("symbol").asText())
                    && row.get("band").equals(exp.path("band").asText()) && row.get("regime").equals(exp.path("regime").asText())
                    && close(Double.parseDouble(row.get("score")), exp.path("score").asDouble(), 1e-9)
                    && eq(dec(row.get("spread_bps")), dec(exp.path("microstructure").path("spread_bps")));
            claim(ok, "latest_alerts " + row.get("ts_ltz") + " " + row.get("symbol") + " score " + row.get("score") + " " + row.get("band")
                    + " == jsonl " + utc(exp.path("ts").asLong()) + " " + exp.path("symbol").asText() + " " + exp.path("score").asText()
                    + " " + exp.path("band").asText());
        }
    }

    void exitsByReason() throws IOException {
        Map<String, List<JsonNode>> ex = jsonl("exits").stream().collect(Collectors.groupingBy(e -> e.path("reason").asText(), TreeMap::new, Collectors.toList()));
        List<Map<String, String>> t = table("exits_by_reason");
        Map<String, Map<String, String>> got = t == null ? null : t.stream().collect(Collectors.toMap(r -> r.get("reason"), Function.identity(), (a, b) -> a, TreeMap::new));
        claim(got != null && got.keySet().equals(ex.keySet()) && !ex.isEmpty(),
                "exits_by_reason: reasons " + (got == null ? "[]" : got.keySet()) + " == exits.jsonl " + ex.keySet());
        for (Map.Entry<String, List<JsonNode>> e : ex.entrySet()) {
            Map<String, String> row = got == null ? null : got.get(e.getKey());
            List<JsonNode> g = e.getValue();
            double avg = g.stream().mapToDouble(x -> x.path("pnl_pct").asDouble()).sum() / g.size();
            double frac = g.stream().mapToDouble(x -> x.path("fraction").asDouble()).sum();
            claim(row != null && Long.parseLong(row.get("exits")) == g.size() && close(Double.parseDouble(row.get("avg_pnl_pct")), avg, 1e-5)
                            && close(Double.parseDouble(row.get("fraction_closed")), frac, 1e-5),
                    "exits_by_reason " + e.getKey() + ": " + (row == null ? "None" : row.get("exits")) + " exits, avg pnl "
                            + (row == null ? "None" : row.get("avg_pnl_pct")) + " == jsonl " + g.size() + ", " + String.format(java.util.Locale.ROOT, "%.6f", avg));
        }
    }

    /** The quarantine topic is shared by every run: the replay's own quarantines must be included. */
    void quarantineByReason() throws IOException {
        Map<String, Long> q = jsonl("quarantine").stream().collect(Collectors.groupingBy(r -> r.path("venue").asText() + "|" + r.path("reason").asText(),
                TreeMap::new, Collectors.counting()));
        List<Map<String, String>> t = table("quarantine_by_reason");
        Map<String, Long> got = t == null ? null : t.stream().collect(Collectors.toMap(r -> r.get("venue") + "|" + r.get("reason"),
                r -> Long.parseLong(r.get("frames")), Long::sum, TreeMap::new));
        claim(got != null && q.entrySet().stream().allMatch(e -> got.getOrDefault(e.getKey(), 0L) >= e.getValue()),
                "quarantine_by_reason: " + (got == null ? 0 : got.size()) + " (venue, reason) rows include the replay's " + q);
    }

    // ---- the pg_* tables against the same aggregates computed by PostgreSQL ----

    static String us(String col) {
        return "(extract(epoch from " + col + ") * 1000000)::bigint";
    }

    static List<List<String>> query(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                rows.add(row);
            }
        }
        return rows;
    }

    public void checkPgTables(Connection c) throws IOException, SQLException {
        List<Map<String, String>> t = table("gate_trip_rates");
        long total = Long.parseLong(query(c, "SELECT count(*) FROM premove_artifacts").get(0).get(0));
        Map<String, Long> exp = new TreeMap<>();
        for (List<String> r : query(c, "SELECT r, count(*) FROM premove_artifacts, unnest(reasons) AS r GROUP BY r")) exp.put(r.get(0), Long.parseLong(r.get(1)));
        Map<String, Long> trips = t == null ? null : t.stream().collect(Collectors.toMap(r -> r.get("reason"), r -> Long.parseLong(r.get("trips")), Long::sum, TreeMap::new));
        boolean rates = t != null && total > 0 && t.stream().allMatch(r -> exp.containsKey(r.get("reason"))
                && within(dec(r.get("trip_rate")), BigDecimal.valueOf(exp.get(r.get("reason"))).divide(BigDecimal.valueOf(total), MathContext.DECIMAL128), "0.000001"));
        claim(trips != null && !exp.isEmpty() && trips.equals(exp) && rates,
                "gate_trip_rates: " + (trips == null ? 0 : trips.size()) + " reasons, trips " + trips + " == psql " + exp + " of " + total);
        int scores = jsonl("scores").size();
        claim(total >= scores, "premove_artifacts holds at least the replay's " + scores + " scores (" + total + ")");

        t = table("regime_history");
        List<List<Object>> stretches = new ArrayList<>();
        for (List<String> r : query(c, "SELECT " + us("ts") + ", regime FROM regime_snapshots ORDER BY ts")) {
            long ts = Long.parseLong(r.get(0));
            List<Object> last = stretches.isEmpty() ? null : stretches.get(stretches.size() - 1);
            if (last != null && last.get(0).equals(r.get(1))) {
                last.set(2, ts);
                last.set(3, (Long) last.get(3) + 1);
            } else {
                stretches.add(new ArrayList<>(List.of(r.get(1), ts, ts, 1L)));
            }
        }
        List<List<Object>> expStretches = stretches.stream().map(s -> List.<Object>of(s.get(0), utc((Long) s.get(1)), utc((Long) s.get(2)), s.get(3))).toList();
        List<List<Object>> gotStretches = t == null ? null : t.stream().map(r -> List.<Object>of(r.get("regime"), r.get("since"), r.get("last_snapshot"),
                Long.parseLong(r.get("snapshots")))).toList();
        claim(expStretches.equals(gotStretches) && !stretches.isEmpty(),
                "regime_history: " + (gotStretches == null ? 0 : gotStretches.size()) + " stretches == psql " + stretches.size()
                        + " (first " + (expStretches.isEmpty() ? "none" : expStretches.get(0)) + ")");

        t = table("pg_spread_depth_by_venue");
        Map<String, List<String>> agg = new TreeMap<>();
        for (List<String> r : query(c, "SELECT venue, symbol, count(*), max(spread_bps), min(depth_usd), avg(spread_bps), avg(depth_usd) FROM microstructure GROUP BY 1, 2")) {
            agg.put(r.get(0) + "|" + r.get(1), r);
        }
        Map<String, Map<String, String>> got = t == null ? null : t.stream().collect(Collectors.toMap(SqlQueryResults::key, Function.identity(), (a, b) -> a, TreeMap::new));
        claim(got != null && got.keySet().equals(agg.keySet()) && !agg.isEmpty() && got.entrySet().stream().allMatch(e -> {
                    List<String> x = agg.get(e.getKey());
                    Map<String, String> r = e.getValue();
                    return Long.parseLong(r.get("seconds")) == Long.parseLong(x.get(2)) && eq(dec(r.get("max_spread_bps")), dec(x.get(3)))
                            && eq(dec(r.get("min_depth_usd")), dec(x.get(4))) && within(dec(r.get("avg_spread_bps")), dec(x.get(5)), "0.0001")
                            && within(dec(r.get("avg_depth_usd")), dec(x.get(6)), "0.01");
                }),
                "pg_spread_depth_by_venue: " + (got == null ? 0 : got.size()) + " (venue, symbol) rows, counts/max spread/min depth exact, averages to 4/2 places == psql");

        t = table("pg_alerts_by_symbol");
        Map<String, List<Object>> expA = new TreeMap<>();
        for (List<String> r : query(c, "SELECT symbol, band, count(*), max(" + us("ts") + ") FROM alerts GROUP BY 1, 2")) {
            expA.put(r.get(0) + "|" + r.get(1), List.of(Long.parseLong(r.get(2)), utc(Long.parseLong(r.get(3)))));
        }
        Map<String, List<Object>> gotA = t == null ? null : t.stream().collect(Collectors.toMap(r -> r.get("symbol") + "|" + r.get("band"),
                r -> List.<Object>of(Long.parseLong(r.get("alerts")), r.get("last_alert")), (a, b) -> a, TreeMap::new));
        claim(expA.equals(gotA) && !expA.isEmpty(), "pg_alerts_by_symbol: " + gotA + " == psql " + expA);

        t = table("pg_exits_pnl");
        Map<String, List<String>> expX = new TreeMap<>();
        for (List<String> r : query(c, "SELECT symbol, count(*), count(DISTINCT entry_ts), sum(pnl_pct * fraction) FROM exits GROUP BY 1")) expX.put(r.get(0), r);
        Map<String, Map<String, String>> gotX = t == null ? null : t.stream().collect(Collectors.toMap(r -> r.get("symbol"), Function.identity(), (a, b) -> a, TreeMap::new));
        claim(gotX != null && gotX.keySet().equals(expX.keySet()) && !expX.isEmpty() && expX.entrySet().stream().allMatch(e -> {
                    Map<String, String> r = gotX.get(e.getKey());
                    return Long.parseLong(r.get("exits")) == Long.parseLong(e.getValue().get(1)) && Long.parseLong(r.get("positions")) == Long.parseLong(e.getValue().get(2))
                            && Math.abs(Double.parseDouble(r.get("weighted_pnl_pct")) - Double.parseDouble(e.getValue().get(3))) <= 1e-6;
                }),
                "pg_exits_pnl: " + (gotX == null ? 0 : gotX.size()) + " symbols (exits, positions exact, weighted pnl within 1e-6) == psql " + expX.size());

        t = table("pg_bars_coverage");
        Map<String, List<Object>> expB = new TreeMap<>();
        for (List<String> r : query(c, "SELECT \"interval\", symbol, count(*), min(" + us("ts") + "), max(" + us("ts") + ") FROM bars GROUP BY 1, 2")) {
            expB.put(r.get(0) + "|" + r.get(1), List.of(Long.parseLong(r.get(2)), utc(Long.parseLong(r.get(3))), utc(Long.parseLong(r.get(4)))));
        }
        Map<String, List<Object>> gotB = t == null ? null : t.stream().collect(Collectors.toMap(r -> r.get("interval") + "|" + r.get("symbol"),
                r -> List.<Object>of(Long.parseLong(r.get("bars")), r.get("first_bar"), r.get("last_bar")), (a, b) -> a, TreeMap::new));
        claim(expB.equals(gotB) && !expB.isEmpty(), "pg_bars_coverage: " + (gotB == null ? 0 : gotB.size()) + " (interval, symbol) rows == psql " + expB.size());
    }

    private static BigDecimal sum(List<BigDecimal> xs) {
        return xs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String size(List<?> t) {
        return t == null ? "None" : String.valueOf(t.size());
    }
}
