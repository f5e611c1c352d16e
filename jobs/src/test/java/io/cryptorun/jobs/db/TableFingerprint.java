package io.cryptorun.jobs.db;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Row count, distinct natural keys and an order-independent hash of every row of the scanner's tables. */
final class TableFingerprint {
    static final List<String> MARKET_TABLES = List.of("trades", "microstructure", "bars");
    /** Every table the scanner's PostgreSQL sink writes (jobs_audit is per run, not per input). */
    static final List<String> OUTPUT_TABLES = List.of("trades", "microstructure", "bars", "regime_snapshots",
            "premove_artifacts", "alerts", "suppressed_alerts", "exits", "control_audit");

    private TableFingerprint() {}

    static Map<String, String> of(PgSettings pg, List<String> tables) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : tables) {
            long rows = TestPg.count(pg, "SELECT count(*) FROM " + t);
            long keys = TestPg.count(pg, "SELECT count(*) FROM (SELECT DISTINCT " + key(t) + " FROM " + t + ") k");
            long hash = TestPg.count(pg, "SELECT coalesce(sum(hashtextextended(r::text, 7)) % 9223372036854775807, 0)::bigint FROM " + t + " r");
            out.put(t, "rows=" + rows + " keys=" + keys + " hash=" + hash);
        }
        return out;
    }

    static String key(String table) {
        return switch (table) {
            case "trades" -> "venue, symbol, trade_id, ts";
            case "microstructure" -> "venue, symbol, ts";
            case "bars" -> "venue, symbol, \"interval\", ts";
            case "regime_snapshots" -> "ts";
            case "premove_artifacts" -> "symbol, ts";
            case "alerts", "suppressed_alerts" -> "symbol, channel, ts";
            case "exits" -> "symbol, entry_ts, reason, ts";
            case "control_audit" -> "ts, command, target";
            default -> throw new IllegalArgumentException(table);
        };
    }
}
