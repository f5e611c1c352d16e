package io.cryptorun.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.functions.scan.SocialSignal;
import io.cryptorun.jobs.social.SocialFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --scenario} (issue 14): what the plan puts into the market, checked on the model alone (no frames). */
class ScenarioPlanTest {
    static final SimConfig RECIPE = new SimConfig(7, 24, 120, 14, SimConfig.parseStart(SimConfig.DEFAULT_START), true);
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
        assertThat(plan.planted).hasSize(26); // seed 7: 13 waves, limited by 60 h spacing over the pass symbols
        Map<String, Long> last = new HashMap<>();
        boolean down = false;
        int maxPerHour = 0;
        for (ScenarioPlan.Planted p : plan.planted) {
            PreMoveSetup s = p.setup();
            Long prev = last.put(s.symbol(), s.moveStartMicros());
            if (prev != null) {
                assertThat(s.moveStartMicros() - prev).isGreaterThanOrEqualTo(ScenarioPlan.SPACING_HOURS * Times.HOUR);
            }
            InstrumentSpec spec = m.specs.stream().filter(x -> x.symbol().equals(s.symbol())).findFirst().orElseThrow();
            assertThat(GroundTruth.liquidity(spec)).isEqualTo("pass");
            down |= s.direction() < 0;
            int inHour = (int) plan.planted.stream().filter(o -> o.setup().moveStartMicros() >= s.moveStartMicros()
                    && o.setup().moveStartMicros() < s.moveStartMicros() + Times.HOUR).count();
            maxPerHour = Math.max(maxPerHour, inHour);
        }
        assertThat(down).as("planted down moves too").isTrue();
        // seed 7: the HIGH_VOL wave finds only 5 symbols free of the 60 h spacing (7 wanted; docs/EVALUATION.md)
        assertThat(maxPerHour).as("moves within one hour (a wave)").isEqualTo(5);
        assertThat(plan.planted).anyMatch(p -> p.tail() == ScenarioPlan.Tail.SPREAD_FAULT);
        assertThat(plan.planted).anyMatch(p -> p.tail() == ScenarioPlan.Tail.GRIND);
        assertThat(plan.flushStart).isBetween(RECIPE.startMicros(), RECIPE.endMicros());
        assertThat(m.setups).containsAll(plan.planted.stream().map(ScenarioPlan.Planted::setup).toList());
    }

    @Test
    void socialLinesReadBackAndBuzzAboveTheCapAroundPlantedSetups(@TempDir Path dir) throws Exception {
        List<String> lines = m.scenario.socialLines(RECIPE, m.specs);
        assertThat(lines).hasSize(24 * 120 * 4);
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
