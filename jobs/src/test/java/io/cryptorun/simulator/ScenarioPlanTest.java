package io.cryptorun.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.functions.scan.SocialSignal;
import io.cryptorun.jobs.social.SocialFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --scenario} (issue 14): what the plan puts into the market, checked on the model alone (no frames). */
class ScenarioPlanTest {
    static final SimConfig RECIPE = new SimConfig(7, 31, 120, 14, SimConfig.parseStart(SimConfig.DEFAULT_START), true);
    static final long FOUR_H = 4 * Times.HOUR;

    final MarketModel m = new MarketModel(RECIPE);

    @Test
    void frameRegimesAreLongFourHourAlignedAndCoverEveryRegime() {
        Set<Regime> seen = EnumSet.noneOf(Regime.class);
        for (RegimeSegment s : m.regimes) {
            if (s.endMicros() <= RECIPE.startMicros()) continue;
            seen.add(s.regime());
            if (s.startMicros() >= RECIPE.startMicros()) {
                assertThat(Math.floorMod(s.startMicros(), FOUR_H)).as("segment start on a 4h bar").isZero();
                if (s.endMicros() < RECIPE.endMicros()) {
                    assertThat(s.endMicros() - s.startMicros()).as("long enough for two consecutive votes")
                            .isGreaterThanOrEqualTo(5 * FOUR_H);
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Regime.values());
    }

    @Test
    void wavesPlantSeveralLiquidSetupsPerHourSpacedPerSymbol() {
        ScenarioPlan plan = m.scenario;
        assertThat(plan.planted).hasSize(33); // seed 7, 31 symbols: limited by the 84 h spacing over the 26 liquid ones
        Map<String, List<PreMoveSetup>> bySymbol = new HashMap<>();
        boolean down = false;
        int maxPerHour = 0;
        for (ScenarioPlan.Planted p : plan.planted) {
            PreMoveSetup s = p.setup();
            for (PreMoveSetup o : bySymbol.getOrDefault(s.symbol(), List.of())) {
                assertThat(s.moveStartMicros() - o.moveStartMicros()).as(s.symbol())
                        .isGreaterThanOrEqualTo(ScenarioPlan.SPACING_HOURS * Times.HOUR - 10 * Times.MINUTE);
            }
            bySymbol.computeIfAbsent(s.symbol(), x -> new java.util.ArrayList<>()).add(s);
            InstrumentSpec spec = m.specs.stream().filter(x -> x.symbol().equals(s.symbol())).findFirst().orElseThrow();
            boolean highVol = ScenarioPlan.regimeAt(m.regimes, s.moveStartMicros()) == Regime.HIGH_VOL;
            assertThat(GroundTruth.liquidity(spec)).as(s.symbol()).isIn(highVol ? List.of("pass") : List.of("pass", "fails_in_high_vol"));
            down |= s.direction() < 0;
            int inHour = (int) plan.planted.stream().filter(o -> o.setup().moveStartMicros() >= s.moveStartMicros()
                    && o.setup().moveStartMicros() < s.moveStartMicros() + Times.HOUR).count();
            maxPerHour = Math.max(maxPerHour, inHour);
            if (p.tail() == ScenarioPlan.Tail.RUNNER) {
                assertThat(Math.floorMod(s.moveStartMicros(), FOUR_H)).as("a runner's kick fills one 4h bar").isZero();
                assertThat(s.moveEndMicros() - s.moveStartMicros()).isEqualTo(FOUR_H);
            }
        }
        assertThat(down).as("planted down moves too").isTrue();
        assertThat(maxPerHour).as("the HIGH_VOL burst: moves within one hour").isEqualTo(ScenarioPlan.BURST_SIZE);
        // the burst follows the flush at the next 4-hourly vote, and no other move falls in the day before it
        // (the 10/day limit would mask the 6/h one); its moves end before the hour's close, so one scan sees them all
        long burst = plan.planted.stream().filter(p -> p.setup().moveStartMicros() > plan.flushStart)
                .mapToLong(p -> p.setup().moveStartMicros()).min().orElseThrow();
        assertThat(Math.floorMod(burst, FOUR_H)).isZero();
        assertThat(burst - plan.flushStart).isBetween(0L, FOUR_H);
        assertThat(plan.planted).filteredOn(p -> p.setup().moveStartMicros() >= burst && p.setup().moveStartMicros() < burst + Times.HOUR)
                .hasSize(ScenarioPlan.BURST_SIZE).allMatch(p -> p.setup().moveEndMicros() <= burst + Times.HOUR)
                .allMatch(p -> p.tail() == ScenarioPlan.Tail.BURST && p.setup().accumulationStartMicros()
                        - p.setup().buildUpStartMicros() == ScenarioPlan.BURST_BUILD_UP_MINUTES * Times.MINUTE);
        assertThat(plan.planted).filteredOn(p -> p.setup().moveStartMicros() < burst
                && p.setup().moveStartMicros() > burst - ScenarioPlan.QUIET_HOURS * Times.HOUR).isEmpty();
        assertThat(plan.planted).filteredOn(p -> p.tail() == ScenarioPlan.Tail.RUNNER).hasSize(3);
        assertThat(plan.planted).anyMatch(p -> p.tail() == ScenarioPlan.Tail.SPREAD_FAULT);
        assertThat(plan.flushStart).isBetween(RECIPE.startMicros(), RECIPE.endMicros());
        assertThat(m.setups).containsAll(plan.planted.stream().map(ScenarioPlan.Planted::setup).toList());
    }

    @Test
    void buildUpsSwingWideWithoutWanderingAndRunnersClimbSteadily() {
        // the oscillation adds nothing over whole 20-minute periods: the build-up's hourly closes do not drift
        ScenarioPlan.Planted q = m.scenario.planted.stream().filter(x -> x.tail() == ScenarioPlan.Tail.NONE).findFirst().orElseThrow();
        double[] drift = applied(q.setup().symbol())[2];
        int b = m.minuteIndex(q.setup().buildUpStartMicros());
        int a = m.minuteIndex(q.setup().accumulationStartMicros());
        double sum = 0;
        double swing = 0;
        double level = 0;
        for (int k = b; k < a; k++) {
            level += drift[k];
            swing = Math.max(swing, Math.abs(level));
            if ((k + 1) % 60 == 0) assertThat(Math.abs(level)).as("close of the hour ending at minute " + (k + 1)).isLessThan(1e-12);
            sum += drift[k];
        }
        assertThat(Math.abs(sum)).isLessThan(1e-12);
        assertThat(swing).as("half the swing, in log units").isGreaterThan(0.005);
        // the runner: 2.2 %, 1.6 %, then 1.1 % per 4h bar after its kick, on a quiet path (its swing adds nothing per bar)
        ScenarioPlan.Planted p = m.scenario.planted.stream().filter(x -> x.tail() == ScenarioPlan.Tail.RUNNER).findFirst().orElseThrow();
        double[][] r = applied(p.setup().symbol());
        drift = r[2];
        double[] range = r[0];
        int e = m.minuteIndex(p.setup().moveEndMicros());
        double[] bars = new double[4];
        for (int i = 0; i < 4; i++) {
            for (int k = e + 240 * i; k < e + 240 * (i + 1); k++) bars[i] += drift[k];
        }
        assertThat(bars[0]).isCloseTo(0.022, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bars[1]).isCloseTo(0.016, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bars[2]).isCloseTo(0.011, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bars[3]).isCloseTo(0.011, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(range[e + 60]).isEqualTo(ScenarioPlan.RUN_RANGE);
    }

    /**
     * The hard stop (issue 14): for an entry at any minute between the 1h close that first sees the second wave's
     * last move and the V, the V takes the mid through entry − 1.5 ATR(1h) (ATR(14), Wilder, of the path's own 1h
     * mid bars at that close) with room to spare, before the next close, and gives it all back by then.
     */
    @Test
    void theHardStopVCrossesEntryMinusOneAndAHalfAtrInsideOneHour() {
        List<ScenarioPlan.Nudge> v = m.scenario.nudges.stream().filter(n -> n.purpose().equals("hard_stop")).toList();
        assertThat(v).hasSize(2);
        ScenarioPlan.Nudge down = v.get(0);
        PreMoveSetup s = m.scenario.planted.stream().filter(p -> p.setup().symbol().equals(down.symbol())
                && p.setup().moveEndMicros() <= down.startMicros() && down.startMicros() - p.setup().moveEndMicros() < 2 * Times.HOUR)
                .findFirst().orElseThrow().setup();
        assertThat(s.direction()).isPositive();
        long close = Math.floorDiv(down.startMicros(), Times.HOUR) * Times.HOUR;
        assertThat(s.moveEndMicros()).as("the move is over by the close that sees it").isLessThanOrEqualTo(close);
        double[] mid = mids(down.symbol());
        double atr = atr14(mid, close);
        int dip = m.minuteIndex(down.startMicros());
        int next = m.minuteIndex(close + Times.HOUR);
        double low = Double.MAX_VALUE;
        for (int k = dip; k <= next; k++) low = Math.min(low, mid[k]);
        for (int k = m.minuteIndex(close); k < dip; k++) {
            double stop = mid[k] - 1.5 * atr;
            assertThat(low).as("entry at minute " + k + ": low vs the hard stop " + stop + " (ATR " + atr + ")").isLessThan(stop * 0.98);
            assertThat(stop).as("the stop lies under the path before the V").isLessThan(Arrays.stream(mid, m.minuteIndex(close), dip).min().orElseThrow());
        }
        assertThat(v.get(1).startMicros() + v.get(1).minutes() * Times.MINUTE).isLessThanOrEqualTo(close + Times.HOUR);
        assertThat(v.stream().mapToInt(ScenarioPlan.Nudge::bps).sum()).as("the V gives back all it took").isZero();
    }

    /**
     * The trailing stop (issue 14): a position on the first flush runner opened 2 h into its kick (measured: its
     * alert) meets, during the V after 12 h held, high-water − 1.8 ATR first, while the mid is still well above
     * entry − 1.5 ATR (so rule 1 does not take it), and nothing crosses either level before the V.
     */
    @Test
    void theTrailingVCrossesTheTrailingLevelAfterTwelveHoursAboveTheHardStop() {
        List<ScenarioPlan.Nudge> v = m.scenario.nudges.stream().filter(n -> n.purpose().equals("trailing_stop")).toList();
        assertThat(v).hasSize(3);
        PreMoveSetup s = m.scenario.planted.stream().filter(p -> p.tail() == ScenarioPlan.Tail.RUNNER
                && p.setup().symbol().equals(v.get(0).symbol()) && p.setup().moveStartMicros() < v.get(0).startMicros())
                .findFirst().orElseThrow().setup();
        double[] mid = mids(s.symbol());
        long entryAt = s.moveStartMicros() + 2 * Times.HOUR;
        int e = m.minuteIndex(entryAt);
        double entry = mid[e];
        double atr = atr14(mid, entryAt);
        double hardStop = entry - 1.5 * atr;
        int dip = m.minuteIndex(v.get(1).startMicros());
        long dipHour = Math.floorDiv(v.get(1).startMicros(), Times.HOUR) * Times.HOUR;
        assertThat(dipHour - entryAt).as("held ≥ 12 h from the V's hour on").isGreaterThanOrEqualTo(12 * Times.HOUR);
        double high = entry;
        int fired = -1;
        for (int k = e + 1; k < m.minuteIndex(dipHour + Times.HOUR) && fired < 0; k++) {
            high = Math.max(high, mid[k]);
            assertThat(mid[k]).as("above the hard stop at minute " + k).isGreaterThan(hardStop * 1.02);
            boolean armed = m.minuteStart(k) - entryAt >= 12 * Times.HOUR;
            if (armed && mid[k] <= high - 1.8 * atr) fired = k;
            else if (armed) assertThat(mid[k]).as("not yet at the trailing level, minute " + k).isGreaterThan(high - 1.8 * atr);
        }
        assertThat(fired).as("the trailing level (high " + high + " − 1.8 × ATR " + atr + ") is crossed inside the V's hour").isBetween(dip, m.minuteIndex(dipHour + Times.HOUR) - 1);
        double low = Arrays.stream(mid, dip, m.minuteIndex(dipHour + Times.HOUR)).min().orElseThrow();
        assertThat(low).as("the V goes well through the trailing level").isLessThan((high - 1.8 * atr) * 0.95);
        assertThat(high - 1.8 * atr).as("trailing level above the hard stop (in profit by > 0.3 ATR)").isGreaterThan(hardStop + 0.3 * atr);
        assertThat(v.get(2).startMicros() + v.get(2).minutes() * Times.MINUTE).isLessThanOrEqualTo(dipHour + Times.HOUR);
        assertThat(v.get(0).startMicros() + v.get(0).minutes() * Times.MINUTE)
                .isLessThanOrEqualTo(Math.floorDiv(v.get(0).startMicros(), Times.HOUR) * Times.HOUR + Times.HOUR);
        assertThat(v.stream().mapToInt(ScenarioPlan.Nudge::bps).sum()).as("the path is back where it was after the V").isZero();
    }

    /**
     * The 3/h limit alone (issue 14): one reading of buzz, in the last quarter of the hour after the time-limit
     * runner's kick, on the first wave's last symbol; the readings either side are noise.
     */
    @Test
    void oneQuarterHourOfBuzzOnTheFirstWavesLastSymbol() {
        ScenarioPlan plan = m.scenario;
        ScenarioPlan.Planted runner = plan.planted.stream().filter(p -> p.tail() == ScenarioPlan.Tail.RUNNER).findFirst().orElseThrow();
        assertThat(plan.rateHourSlot - runner.setup().moveEndMicros()).isEqualTo(45 * Times.MINUTE);
        long wave = RECIPE.startMicros() + ScenarioPlan.FIRST_WAVE_HOUR * Times.HOUR;
        List<ScenarioPlan.Planted> first = plan.planted.stream().filter(p -> p.tail() != ScenarioPlan.Tail.RUNNER
                && p.setup().moveStartMicros() >= wave && p.setup().moveStartMicros() < wave + Times.HOUR).toList();
        assertThat(first).hasSize(4);
        assertThat(plan.rateHourSymbol).isEqualTo(first.get(3).setup().symbol());
        assertThat(first.get(3).setup().accumulationStartMicros() - 2 * Times.HOUR).as("its own buzz starts later")
                .isGreaterThan(plan.rateHourSlot + ScenarioPlan.SOCIAL_EVERY);
        Map<Long, Double> readings = new HashMap<>();
        for (String line : plan.socialLines(RECIPE, m.specs)) {
            if (!line.contains("\"" + plan.rateHourSymbol + "\"")) continue;
            long ts = Long.parseLong(line.substring(6, line.indexOf(',')));
            readings.put(ts, Double.parseDouble(line.substring(line.lastIndexOf(':') + 1, line.length() - 1)));
        }
        assertThat(readings.get(plan.rateHourSlot)).isGreaterThanOrEqualTo(12);
        assertThat(readings.get(plan.rateHourSlot - ScenarioPlan.SOCIAL_EVERY)).isLessThanOrEqualTo(5);
        assertThat(readings.get(plan.rateHourSlot + ScenarioPlan.SOCIAL_EVERY)).isLessThanOrEqualTo(5);
    }

    /** The symbol's mid (USD) at every minute boundary of the span. */
    double[] mids(String symbol) {
        int i = m.specs.indexOf(m.specs.stream().filter(x -> x.symbol().equals(symbol)).findFirst().orElseThrow());
        double[] out = new double[m.minutes + 1];
        for (int k = 0; k <= m.minutes; k++) out[k] = m.paths[i].midUsd(k);
        return out;
    }

    /** ATR(14), Wilder, of the 1h mid bars closed by {@code at} (a whole hour), from the span's start. */
    double atr14(double[] mid, long at) {
        int endK = m.minuteIndex(at);
        double atr = 0;
        int n = 0;
        double prevClose = Double.NaN;
        for (int k = Math.floorMod(endK, 60); k + 60 <= endK; k += 60) {
            double hi = Double.NEGATIVE_INFINITY;
            double lo = Double.POSITIVE_INFINITY;
            for (int j = k; j <= k + 60; j++) {
                hi = Math.max(hi, mid[j]);
                lo = Math.min(lo, mid[j]);
            }
            double tr = Double.isNaN(prevClose) ? hi - lo : Math.max(hi - lo, Math.max(Math.abs(hi - prevClose), Math.abs(lo - prevClose)));
            n++;
            atr = n <= 14 ? atr + (tr - atr) / n : (atr * 13 + tr) / 14;
            prevClose = mid[k + 60];
        }
        return atr;
    }

    /** range, volume, drift, spread multipliers of the scenario alone for one symbol. */
    double[][] applied(String symbol) {
        InstrumentSpec spec = m.specs.stream().filter(x -> x.symbol().equals(symbol)).findFirst().orElseThrow();
        int n = m.minutes;
        double[][] r = new double[5][n];
        java.util.Arrays.fill(r[0], 1);
        java.util.Arrays.fill(r[1], 1);
        java.util.Arrays.fill(r[3], 1);
        java.util.Arrays.fill(r[4], 1);
        m.scenario.apply(m, spec, r[0], r[1], r[2], r[3], r[4]);
        return r;
    }

    @Test
    void socialLinesReadBackAndBuzzAboveTheCapAroundPlantedSetups(@TempDir Path dir) throws Exception {
        List<String> lines = m.scenario.socialLines(RECIPE, m.specs);
        assertThat(lines).hasSize(31 * 120 * 4);
        Files.write(dir.resolve(SocialFile.FILE_NAME), lines);
        List<SocialSignal> read = SocialFile.forFixtures(dir);
        assertThat(read).hasSize(lines.size());
        assertThat(read).anyMatch(s -> s.value() > 10).anyMatch(s -> s.value() < 0).anyMatch(s -> s.value() > 0 && s.value() < 10);
        PreMoveSetup first = m.scenario.planted.get(0).setup();
        assertThat(read).filteredOn(s -> s.symbol().equals(first.symbol()) && s.tsMicros() >= first.accumulationStartMicros()
                && s.tsMicros() < first.moveEndMicros()).isNotEmpty().allMatch(s -> s.value() >= 12);
        new ObjectMapper().readTree(lines.get(0)); // plain JSON
    }

    @Test
    void thePlainMarketIsUntouched() {
        MarketModel plain = new MarketModel(new SimConfig(7, 24, 120, 14, RECIPE.startMicros()));
        assertThat(plain.scenario).isNull();
        assertThat(new SimConfig(7, 24, 120, 14, RECIPE.startMicros()).commandLine()).doesNotContain("--scenario");
        assertThat(RECIPE.commandLine()).endsWith(" --scenario");
    }
}
