package io.cryptorun.jobs.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The analytics tables through the job's write path ({@code CALL cryptorun_write}) and the
 * point-in-time functions on the real PostgreSQL: "what did the scanner know at T" only ever
 * sees rows with event time ≤ T, and writing the same lines again changes nothing.
 */
class PointInTimeSqlIT {
    static final long H = 3_600_000_000L;
    static final long T0 = 1_736_121_600_000_000L; // 2025-01-06T00:00:00Z

    static final String[][] LINES = {
        {"regime_snapshots", "{\"ts\":" + T0 + ",\"regime\":\"CHOPPY\",\"realized_vol_7d\":0.41,\"breadth\":0.5,\"thrust\":0.52,"
            + "\"votes\":{\"realized_vol\":\"CHOPPY\",\"breadth\":\"CHOPPY\",\"thrust\":\"CHOPPY\"},\"confidence\":1.0}"},
        {"regime_snapshots", "{\"ts\":" + (T0 + 4 * H) + ",\"regime\":\"TRENDING_BULL\",\"realized_vol_7d\":0.42,\"breadth\":0.66,"
            + "\"thrust\":0.63,\"votes\":{},\"confidence\":0.6666666666666666}"},
        {"premove_artifacts", "{\"ts\":" + (T0 + H) + ",\"symbol\":\"SOL/USD\",\"score\":71.5,\"band\":\"WATCH\",\"regime\":\"CHOPPY\","
            + "\"factors\":{\"momentum\":1.2},\"gates\":{\"score\":false},\"reasons\":[\"score_below_threshold\"],\"state\":\"WATCH\",\"latency_ms\":12}"},
        {"premove_artifacts", "{\"ts\":" + (T0 + 5 * H) + ",\"symbol\":\"SOL/USD\",\"score\":86.25,\"band\":\"STRONG\","
            + "\"regime\":\"TRENDING_BULL\",\"factors\":{\"momentum\":2.1},\"gates\":{\"score\":true},\"reasons\":[],\"state\":\"ALERTED\"}"},
        {"premove_artifacts", "{\"ts\":" + (T0 + H) + ",\"symbol\":\"BTC/USD\",\"score\":55,\"band\":null,\"regime\":\"CHOPPY\","
            + "\"reasons\":[\"spread_too_wide\",\"score_below_threshold\"]}"},
        {"alerts", "{\"ts\":" + (T0 + 5 * H) + ",\"symbol\":\"SOL/USD\",\"channel\":\"slack:#desk\",\"venue\":\"kraken\",\"score\":86.25,"
            + "\"band\":\"STRONG\",\"regime\":\"TRENDING_BULL\"}"},
        {"suppressed_alerts", "{\"ts\":" + (T0 + 5 * H) + ",\"symbol\":\"SOL/USD\",\"channel\":\"telegram:ops\",\"score\":86.25,"
            + "\"reasons\":[\"muted\"]}"},
        {"exits", "{\"ts\":" + (T0 + 7 * H) + ",\"symbol\":\"SOL/USD\",\"entry_ts\":" + (T0 + 5 * H) + ",\"reason\":\"PROFIT_TARGET\","
            + "\"entry_price\":180.5,\"exit_price\":194.94,\"target_level\":1,\"fraction\":0.5,\"pnl_pct\":8.0}"},
    };

    @Test
    void scannerStateAtTSeesOnlyWhatWasKnownAtT() throws Exception {
        try (TestPg pg = TestPg.freshSchema()) {
            DbMigrations.migrate(pg.settings, Instant.parse("2025-01-06T00:00:00Z"));
            write(pg, LINES);
            write(pg, LINES); // a rerun: natural keys make it a no-op
            assertThat(pg.count("SELECT count(*) FROM regime_snapshots")).isEqualTo(2);
            assertThat(pg.count("SELECT count(*) FROM premove_artifacts")).isEqualTo(3);
            assertThat(pg.count("SELECT count(*) FROM alerts")).isEqualTo(1);
            assertThat(pg.count("SELECT count(*) FROM suppressed_alerts")).isEqualTo(1);
            assertThat(pg.count("SELECT count(*) FROM exits")).isEqualTo(1);
            assertThat(pg.count("SELECT count(*) FROM premove_artifacts WHERE symbol = 'BTC/USD' "
                    + "AND reasons = ARRAY['spread_too_wide','score_below_threshold'] AND payload->>'score' = '55'")).isEqualTo(1);

            // 02:00: the CHOPPY regime, SOL at 71.5 WATCH, BTC at 55, no alert yet
            assertThat(rows(pg, "SELECT symbol, score, band, regime, last_alert_at FROM scanner_state_at('2025-01-06T02:00:00Z')"))
                    .containsExactly("BTC/USD|55|null|CHOPPY|null", "SOL/USD|71.5|WATCH|CHOPPY|null");
            // one microsecond before the 04:00 snapshot: still CHOPPY
            assertThat(rows(pg, "SELECT regime FROM scanner_regime_at('2025-01-06T03:59:59.999999Z')")).containsExactly("CHOPPY");
            assertThat(rows(pg, "SELECT regime FROM scanner_regime_at('2025-01-06T04:00:00Z')")).containsExactly("TRENDING_BULL");
            // 05:00: SOL's STRONG score and its alert are known
            assertThat(rows(pg, "SELECT symbol, score, band, regime, last_alert_at FROM scanner_state_at('2025-01-06T05:00:00Z')"))
                    .containsExactly("BTC/USD|55|null|TRENDING_BULL|null",
                            "SOL/USD|86.25|STRONG|TRENDING_BULL|2025-01-06 05:00:00+00");
            assertThat(rows(pg, "SELECT symbol, channel FROM scanner_alerts_at('2025-01-06T06:00:00Z', interval '2 hours')"))
                    .containsExactly("SOL/USD|slack:#desk");
            assertThat(rows(pg, "SELECT count(*) FROM scanner_alerts_at('2025-01-06T04:59:59Z')")).containsExactly("0");
            // before anything: nothing
            assertThat(rows(pg, "SELECT count(*) FROM scanner_state_at('2025-01-05T23:59:59Z')")).containsExactly("0");
            assertThat(rows(pg, "SELECT count(*) FROM scanner_regime_at('2025-01-05T23:59:59Z')")).containsExactly("0");
        }
    }

    static void write(TestPg pg, String[][] lines) throws Exception {
        try (Connection c = pg.settings.connect(); CallableStatement cs = c.prepareCall(PgSinks.WRITE)) {
            for (String[] l : lines) {
                cs.setString(1, l[0]);
                cs.setString(2, "[" + l[1] + "]");
                cs.execute();
            }
        }
    }

    static List<String> rows(TestPg pg, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.settings.connect(); Statement st = c.createStatement()) {
            st.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> cols = new ArrayList<>();
                    for (int i = 1; i <= n; i++) cols.add(rs.getString(i));
                    out.add(String.join("|", cols));
                }
            }
        }
        return out;
    }
}
