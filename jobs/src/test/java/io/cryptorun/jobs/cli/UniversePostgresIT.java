package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.alerts.ControlCommand;
import io.cryptorun.functions.universe.UniverseEntry;
import io.cryptorun.jobs.db.DbMigrations;
import io.cryptorun.jobs.db.TestPg;
import io.cryptorun.jobs.output.AnalyticsJson;
import io.cryptorun.jobs.output.OutputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 010 on the real PostgreSQL: universe lines written through {@code cryptorun_write}
 * (the job's path) land in {@code universe} with their columns, {@code universe_at(T)} is the
 * newest row per symbol at T, and {@code cryptorun universe} from PostgreSQL prints exactly what it
 * prints from a run directory holding the same lines.
 */
class UniversePostgresIT {
    static final long T = 1_736_136_000_000_000L; // 2025-01-06T04:00:00Z
    static final long MIN = 60_000_000L;

    @TempDir
    Path dir;

    @Test
    void postgresAndRunDirectoryGiveTheSameUniverse() throws Exception {
        List<String> universe = List.of(
                AnalyticsJson.universe(new UniverseEntry("SOL/USD", T, null, 2_500_000.5, "mid", 1.80, 1.1, 24,
                        new String[] {"coinbase", "kraken"}, "kraken")),
                AnalyticsJson.universe(new UniverseEntry("USDT/USD", T, "stablecoin", 9_000_000, "large", 1.85, Double.NaN, 3,
                        new String[] {"kraken"}, "kraken")),
                AnalyticsJson.universe(new UniverseEntry("SOL/USD", T + 2 * MIN, "no_valid_book", 2_500_000.5, "mid", 1.80, 1.1,
                        24, new String[0], null)),
                AnalyticsJson.universe(new UniverseEntry("NEW/USD", T + 3 * MIN, "adv_unknown", Double.NaN, "ineligible",
                        Double.NaN, Double.NaN, 0, new String[] {"kraken"}, "kraken")));
        List<String> audit = List.of(
                AnalyticsJson.controlAudit(new ControlCommand(T + MIN, 1, ControlCommand.DENY, null, "SOL/USD", 60 * MIN, "ops")));
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.write(run.resolve(OutputFiles.UNIVERSE), universe);
        Files.write(run.resolve(OutputFiles.CONTROL_AUDIT), audit);
        try (TestPg pg = TestPg.freshSchema()) {
            DbMigrations.migrate(pg.settings, Instant.parse("2025-01-06T12:00:00Z"));
            write(pg, "universe", universe);
            write(pg, "control_audit", audit);
            write(pg, "universe", universe); // a replayed batch changes nothing
            assertThat(pg.count("SELECT count(*) FROM universe")).isEqualTo(4);
            assertThat(pg.count("SELECT count(*) FROM universe WHERE symbol = 'USDT/USD' AND NOT eligible AND reason = 'stablecoin'"
                    + " AND adv_tier = 'large' AND vadr IS NULL AND venues = ARRAY['kraken']")).isEqualTo(1);
            assertThat(pg.count("SELECT count(*) FROM universe_at('2025-01-06T04:01:59.999999Z') WHERE eligible")).isEqualTo(1);
            assertThat(pg.count("SELECT count(*) FROM universe_at('2025-01-06T04:02:00Z') WHERE eligible")).isZero();

            for (long t : new long[] {T - 1, T, T + MIN, T + 2 * MIN - 1, T + 2 * MIN, T + 3 * MIN, T + 61 * MIN}) {
                List<String> fromPg = UniverseCommand.render(UniverseCommand.fromPostgres(pg.settings, t), t, false);
                List<String> fromRun = UniverseCommand.render(UniverseCommand.fromRun(run), t, false);
                assertThat(fromPg.subList(1, fromPg.size())).as("at " + t).isEqualTo(fromRun.subList(1, fromRun.size()));
                assertThat(UniverseCommand.render(UniverseCommand.fromPostgres(pg.settings, t), t, true))
                        .isEqualTo(UniverseCommand.render(UniverseCommand.fromRun(run), t, true));
            }
            List<String> at = UniverseCommand.render(UniverseCommand.fromPostgres(pg.settings, T + MIN), T + MIN, false);
            assertThat(at.get(0)).startsWith("universe at 2025-01-06T04:01:00Z (").endsWith("): 1 eligible, 1 excluded");
            assertThat(at).anySatisfy(l -> assertThat(l).startsWith("SOL/USD ").contains(" denied "));
            assertThat(at).anySatisfy(l -> assertThat(l).startsWith("USDT/USD").endsWith("stablecoin: the base is a stablecoin"));
            // without --at: the newest change (NEW/USD at 04:03)
            assertThat(UniverseCommand.fromPostgres(pg.settings, null).newest()).isEqualTo(T + 3 * MIN);
        }
    }

    private static void write(TestPg pg, String table, List<String> lines) throws Exception {
        try (Connection c = pg.settings.connect();
                PreparedStatement st = c.prepareStatement("CALL cryptorun_write(?, ?::jsonb)")) {
            st.setString(1, table);
            st.setString(2, "[" + String.join(",", lines) + "]");
            st.execute();
        }
    }
}
