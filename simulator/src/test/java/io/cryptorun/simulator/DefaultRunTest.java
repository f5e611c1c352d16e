package io.cryptorun.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.fixture.Manifest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default run ({@code cryptorun simulate --out DIR}: 24 symbols, 6 h, 14 days) end to end: the
 * size budget, every frame replayed through the parser and book integrity, majors lively, and the
 * liquidity gates passing for majors and failing for the thin small caps. Slow-ish (~10 s).
 * {@code -Dsim.report=true} prints the measured sizes and per-symbol rates, spreads and depths.
 */
class DefaultRunTest {
    static final long BUDGET_BYTES = 20_000_000;

    @TempDir
    Path dir;

    @Test
    void defaultRunFitsTheBudgetAndReplaysCleanly() throws Exception {
        MarketSimulator.Result r = new MarketSimulator(SimConfig.defaults()).writeTo(dir);
        assertThat(r.totalBytes()).isLessThan(BUDGET_BYTES);
        assertThat(Manifest.read(dir).verify(dir)).isEmpty();

        FixtureReplay.Stats st = FixtureReplay.replay(dir);
        assertThat(st.failures).isEmpty();
        assertThat(st.checksumFailures + st.crossed + st.quarantines).isZero();

        double seconds = 6 * 3600.0;
        for (String major : new String[] {"BTC/USD", "ETH/USD"}) {
            assertThat(st.symbols.get(major).deltas / seconds).as(major + " book updates/s").isGreaterThan(3);
        }
        for (String major : new String[] {"BTC/USD", "ETH/USD", "SOL/USD", "XRP/USD", "DOGE/USD"}) {
            FixtureReplay.SymbolStats s = st.symbols.get(major);
            assertThat(s.medianSpreadBps(false)).as(major + " spread").isBetween(0.3, 5.0);
            assertThat(s.medianDepthUsd(false)).as(major + " depth ±2%").isGreaterThan(500_000);
        }
        // the truth's liquidity verdicts hold for the median book of each regime (the run has HIGH_VOL hours)
        assertThat(r.truth().regimes()).anyMatch(g -> g.regime() == Regime.HIGH_VOL && g.endMicros() > SimConfig.defaults().startMicros());
        Map<String, Long> verdicts = new TreeMap<>();
        for (GroundTruth.InstrumentTruth i : r.truth().instruments()) {
            FixtureReplay.SymbolStats s = st.symbols.get(i.symbol());
            boolean calm = s.medianSpreadBps(false) < 50 && s.medianDepthUsd(false) >= 100_000;
            boolean highVol = s.medianSpreadBps(true) < 50 && s.medianDepthUsd(true) >= 100_000;
            String observed = !calm ? "fail" : highVol ? "pass" : "fails_in_high_vol";
            assertThat(observed).as(i.symbol()).isEqualTo(i.liquidity());
            verdicts.merge(observed, 1L, Long::sum);
        }
        assertThat(verdicts).containsKeys("pass", "fails_in_high_vol", "fail");

        if (!Boolean.getBoolean("sim.report")) return;
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "default run: %d lines, %d bytes; book snapshots %d, updates %d, trades %d, heartbeats %d, max latency %d µs%n",
                r.totalLines(), r.totalBytes(), st.snapshots, st.deltas, st.trades, st.heartbeats, st.maxLatencyMicros));
        r.files().forEach(f -> report.append(String.format(Locale.ROOT, "  %-20s %8d lines %10d bytes%n", f.path(), f.lines(), f.bytes())));
        st.symbols.forEach((sym, s) -> report.append(String.format(Locale.ROOT,
                "  %-10s %6.2f upd/s %5d trades  spread calm %7.2f / high-vol %7.2f bps  depth±2%% calm $%,10.0f / high-vol $%,10.0f%n",
                sym, s.deltas / seconds, s.trades, s.medianSpreadBps(false), s.medianSpreadBps(true), s.medianDepthUsd(false),
                s.medianDepthUsd(true))));
        System.out.print(report);
    }
}
