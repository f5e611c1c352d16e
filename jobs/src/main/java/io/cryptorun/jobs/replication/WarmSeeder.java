package io.cryptorun.jobs.replication;

import io.cryptorun.jobs.db.PgSettings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Deterministic drill data for the warm tier ({@code replication simulate}): per symbol, 1-minute bars and two
 * trades a minute, prices exact decimals (never through double), identical for identical arguments, written
 * with ON CONFLICT DO NOTHING so reseeding an hour is a no-op.
 */
public final class WarmSeeder {
    public static final List<String> SYMBOLS = List.of("BTC-USD", "ETH-USD", "SOL-USD");
    private static final BigDecimal[] BASE = {new BigDecimal("60000.0"), new BigDecimal("3000.00"), new BigDecimal("150.000")};

    private WarmSeeder() {}

    /** Writes hours [fromHour, toHour) after {@code epoch} into {@code pg}; returns the rows written (bars + trades). */
    public static long seed(PgSettings pg, Instant epoch, int fromHour, int toHour) throws SQLException {
        long rows = 0;
        try (Connection c = pg.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement bar = c.prepareStatement("INSERT INTO bars (ts, venue, symbol, \"interval\", open, high, low, close, "
                    + "volume, trades, vwap, origin) VALUES (?, 'kraken', ?, '1m', ?, ?, ?, ?, ?, 2, ?, 'drill') ON CONFLICT DO NOTHING");
                    PreparedStatement trade = c.prepareStatement("INSERT INTO trades (ts, venue, symbol, trade_id, price, qty, side) "
                            + "VALUES (?, 'kraken', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (int h = fromHour; h < toHour; h++) {
                    for (int m = 0; m < 60; m++) {
                        long minute = (long) h * 60 + m;
                        Instant ts = epoch.plusSeconds(minute * 60);
                        for (int s = 0; s < SYMBOLS.size(); s++) {
                            BigDecimal step = BASE[s].movePointLeft(4); // 1 bp of the base price
                            BigDecimal open = BASE[s].add(step.multiply(BigDecimal.valueOf((minute * 7 + s * 3) % 41 - 20)));
                            BigDecimal p1 = open.add(step);
                            BigDecimal p2 = open.subtract(step);
                            BigDecimal q1 = new BigDecimal("0.0100").add(BigDecimal.valueOf((minute + s) % 9, 4));
                            BigDecimal q2 = new BigDecimal("0.0200");
                            bar.setTimestamp(1, Timestamp.from(ts));
                            bar.setString(2, SYMBOLS.get(s));
                            bar.setBigDecimal(3, open);
                            bar.setBigDecimal(4, p1);
                            bar.setBigDecimal(5, p2);
                            bar.setBigDecimal(6, p2);
                            bar.setBigDecimal(7, q1.add(q2));
                            bar.setBigDecimal(8, p1.multiply(q1).add(p2.multiply(q2)).divide(q1.add(q2), 8, java.math.RoundingMode.HALF_EVEN));
                            bar.addBatch();
                            for (int k = 0; k < 2; k++) {
                                trade.setTimestamp(1, Timestamp.from(ts.plusSeconds(10 + 30L * k)));
                                trade.setString(2, SYMBOLS.get(s));
                                trade.setString(3, "drill-" + minute + "-" + k);
                                trade.setBigDecimal(4, k == 0 ? p1 : p2);
                                trade.setBigDecimal(5, k == 0 ? q1 : q2);
                                trade.setString(6, k == 0 ? "buy" : "sell");
                                trade.addBatch();
                            }
                            rows += 3;
                        }
                    }
                    bar.executeBatch();
                    trade.executeBatch();
                }
            }
            c.commit();
        }
        return rows;
    }
}
