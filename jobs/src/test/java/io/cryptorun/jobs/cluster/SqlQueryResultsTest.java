package io.cryptorun.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL result checks on a tableau printout and jsonl written here: agreeing, and off by one unit. */
class SqlQueryResultsTest {
    @TempDir
    Path dir;

    static final long T = 1736121600000500L;

    @BeforeEach
    void jsonl() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/microstructure.jsonl"),
                "{\"venue\":\"kraken\",\"symbol\":\"BTC/USD\",\"ts\":" + T + ",\"bid\":100.10,\"ask\":100.30,\"mid\":100.20,\"spread_bps\":19.96,\"depth_usd\":150000.00,\"frame\":7}\n"
                        + "{\"venue\":\"kraken\",\"symbol\":\"BTC/USD\",\"ts\":" + (T + 1_000_000) + ",\"bid\":100.20,\"ask\":100.40,\"mid\":100.30,\"spread_bps\":50,\"depth_usd\":99999.99,\"frame\":9}\n");
    }

    void printout(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name + ".out"), String.join("\n", lines) + "\n");
    }

    Map<String, List<JsonNode>> by() throws IOException {
        SqlQueryResults r = new SqlQueryResults(dir);
        Map<String, List<JsonNode>> by = new TreeMap<>();
        for (JsonNode n : r.jsonl("microstructure")) by.computeIfAbsent(SqlQueryResults.key(n), k -> new ArrayList<>()).add(n);
        return by;
    }

    @Test
    void utcHasMicroseconds() {
        assertThat(SqlQueryResults.utc(T)).isEqualTo("2025-01-06 00:00:00.000500");
        assertThat(SqlQueryResults.utc(-1)).isEqualTo("1969-12-31 23:59:59.999999");
    }

    @Test
    void tableauRowsAndEmptySet() throws IOException {
        printout("q", "+--------+---------+", "|  venue |  symbol |", "+--------+---------+", "| kraken | BTC/USD |", "+--------+---------+", "1 row in set");
        printout("e", "Empty set");
        printout("n", "[ERROR] Could not execute SQL statement.");
        SqlQueryResults r = new SqlQueryResults(dir);
        assertThat(r.table("q")).containsExactly(Map.of("venue", "kraken", "symbol", "BTC/USD"));
        assertThat(r.table("e")).isEmpty();
        assertThat(r.table("n")).isNull();
        assertThat(r.table("missing")).isNull();
    }

    @Test
    void latestPerSymbolExactAndOneCentOff() throws IOException {
        String head = "| venue | symbol | ts_ltz | bid | ask | mid | depth_usd | frame |";
        printout("latest_per_symbol", head, "| kraken | BTC/USD | 2025-01-06 00:00:01.000500 | 100.2000 | 100.40 | 100.30 | 99999.99 | 9 |");
        SqlQueryResults ok = new SqlQueryResults(dir);
        ok.latestPerSymbol(by());
        assertThat(ok.claims()).extracting(SqlQueryResults.Claim::ok).containsExactly(true, true);

        printout("latest_per_symbol", head, "| kraken | BTC/USD | 2025-01-06 00:00:01.000500 | 100.21 | 100.40 | 100.30 | 99999.99 | 9 |");
        SqlQueryResults off = new SqlQueryResults(dir);
        off.latestPerSymbol(by());
        assertThat(off.claims()).extracting(SqlQueryResults.Claim::ok).containsExactly(true, false);
    }

    @Test
    void liquidityFailuresThresholdsOnTheBoundary() throws IOException {
        // spread 50 >= 50 counts as wide; depth 99999.99 < 100000 as thin; both in the second row only
        String head = "| venue | symbol | seconds | failing_seconds | wide_spread_seconds | thin_depth_seconds | last_failure |";
        printout("liquidity_failures", head, "| kraken | BTC/USD | 2 | 1 | 1 | 1 | 2025-01-06 00:00:01.000500 |");
        SqlQueryResults r = new SqlQueryResults(dir);
        r.liquidityFailures(by(), "liquidity_failures", new BigDecimal(50), new BigDecimal(100000));
        assertThat(r.claims()).extracting(SqlQueryResults.Claim::ok).containsExactly(true);
        // one unit higher spread limit and one unit lower depth limit: nothing fails, the printout no longer agrees
        r.liquidityFailures(by(), "liquidity_failures", new BigDecimal("50.01"), new BigDecimal("99999.99"));
        assertThat(r.claims()).extracting(SqlQueryResults.Claim::ok).containsExactly(true, false);
    }

    @Test
    void doublesWithinTolerance() {
        assertThat(SqlQueryResults.close(1.0 + 0.5e-9, 1.0, 1e-9)).isTrue();
        assertThat(SqlQueryResults.close(1.0 + 3e-9, 1.0, 1e-9)).isFalse();
        assertThat(SqlQueryResults.within(new BigDecimal("1.0001"), BigDecimal.ONE, "0.0001")).isTrue();
        assertThat(SqlQueryResults.within(new BigDecimal("1.00011"), BigDecimal.ONE, "0.0001")).isFalse();
    }
}
