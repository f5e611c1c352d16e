package io.cryptorun.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.cli.ReplayOptions;
import io.cryptorun.jobs.cli.ReplayRunner;
import io.cryptorun.jobs.report.ReportCommand;
import io.cryptorun.simulator.MarketSimulator;
import io.cryptorun.simulator.SimConfig;
import io.cryptorun.simulator.SimVenue;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation scenario of issue 14 (docs/EVALUATION.md), end to end: simulate → replay →
 * evaluate → report, checked against {@code docs/baselines/scenario.json} by the promotion gate,
 * and what it reaches counted from the run's own files. Runs when {@code CRYPTORUN_SCENARIO=1}, which
 * {@code ./cryptorun test} sets unless told otherwise ({@code CRYPTORUN_SCENARIO=0}): it generates and
 * replays five days of frames (≈ 4.5 min on an idle 2-core machine, 4 GB of disk, deleted afterwards).
 * {@code CRYPTORUN_SCENARIO_DIR} keeps the fixture and run there instead of a temporary directory.
 */
class EvaluationScenarioTest {
    /** The recipe: {@code cryptorun simulate --seed 7 --symbols 31 --hours 120 --scenario}. */
    static final SimConfig RECIPE = new SimConfig(7, 31, 120, SimConfig.DEFAULT_HISTORY_DAYS,
            SimConfig.parseStart(SimConfig.DEFAULT_START), true);
    static final Path BASELINE = Path.of("..", "docs", "baselines", "scenario.json");

    static Path fixture;
    static Path run;
    static Path temporary;
    static RunOutputs outputs;
    static JsonNode evaluation;
    static Reached reached;

    /** Simulates and replays once for both tests (they are opt-in, so nothing runs without the variable). */
    static synchronized void runScenario() throws Exception {
        assumeTrue("1".equals(System.getenv("CRYPTORUN_SCENARIO")), "opt-in: CRYPTORUN_SCENARIO=1");
        if (outputs != null) return;
        String keep = System.getenv("CRYPTORUN_SCENARIO_DIR");
        Path base = keep != null ? Files.createDirectories(Path.of(keep)) : (temporary = Files.createTempDirectory("scenario"));
        fixture = base.resolve("fixture");
        run = base.resolve("run");
        new MarketSimulator(RECIPE, new MarketSimulator.Venues(List.of(SimVenue.KRAKEN), 0)).writeTo(fixture);
        assertThat(fixture.resolve("social.jsonl")).exists();
        ReplayOptions o = new ReplayOptions();
        o.speed = 0;
        o.checkpointIntervalMs = 10_000;
        ReplayRunner.run(fixture, null, run, o, false, new PrintStream(PrintStream.nullOutputStream()));
        outputs = RunOutputs.read(run);
        JsonNode truth = RunOutputs.JSON_READER.readTree(fixture.resolve("truth.json").toFile());
        evaluation = new Evaluation(outputs, truth, Evaluation.DEFAULT_SEED).evaluate();
        Files.writeString(run.resolve("evaluation.json"), evaluation.toPrettyString());
        assertThat(ReportCommand.write(run, fixture.resolve("truth.json"), run.resolve("report.html"))).exists();
        reached = Reached.of(outputs);
        System.out.println("scenario reached: " + reached);
    }

    @AfterAll
    static void deleteTemporaryRun() throws Exception {
        if (temporary == null) return;
        try (Stream<Path> paths = Files.walk(temporary)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** What the scenario reaches today is pinned by its baseline; social input is visible in the scores. */
    @Test
    void scenarioMatchesItsBaselineAndShowsTheSocialCap() throws Exception {
        runScenario();
        assertThat(reached.socialCapped).as("scores whose social contribution is the +10 cap").isPositive();
        assertThat(reached.socialBelowCap).as("scores with a social contribution between 0 and 10").isPositive();
        assertThat(PromotionGate.regressions(evaluation, RunOutputs.JSON_READER.readTree(BASELINE.toFile())))
                .as("regenerate: ./cryptorun evaluate --run <run> --truth <fixture>/truth.json --write-baseline docs/baselines/scenario.json")
                .isEmpty();
    }

    /**
     * The bar (≥ 30 alerts, every exit reason, every throttle limit, every regime voted), including a
     * candidate held back by the 3/h limit alone outside HIGH_VOL (its first reason {@code rate_hour}). Opt-in on
     * its own ({@code CRYPTORUN_SCENARIO_BAR=1}) while the recipe did not reach it all (session 8: it does); what the recipe
     * reaches is pinned anyway by {@link #scenarioMatchesItsBaselineAndShowsTheSocialCap} (docs/EVALUATION.md).
     */
    @Test
    void scenarioReachesEveryExitThrottleAndRegime() throws Exception {
        runScenario();
        Reached r = reached;
        assertThat(r.alerts).as("alerts").isGreaterThanOrEqualTo(30);
        assertThat(r.exits.keySet()).as("exit reasons").contains("hard_stop", "venue_health", "time_limit",
                "acceleration_reversal", "momentum_fade", "trailing_stop", "profit_target");
        assertThat(r.suppressed.keySet()).as("throttle limits").contains("cooldown", "rate_hour", "rate_day");
        assertThat(r.rateHourHighVol).as("rate_hour suppressions in HIGH_VOL (the 6/h limit)").isPositive();
        assertThat(r.rateHourCalm).as("candidates held back by the 3/h limit outside HIGH_VOL (rate_hour among the reasons)").isPositive();
        assertThat(r.rateHourCalmAlone).as("fresh candidates held back by the 3/h limit outside HIGH_VOL (rate_hour first)").isPositive();
        assertThat(r.cooldownOverrides).as("alerts within 4 h of the symbol's last one (score +5 override)").isPositive();
        assertThat(r.votes.keySet()).as("regimes voted").contains("TRENDING_BULL", "CHOPPY", "HIGH_VOL");
    }

    /** What a run reached, counted from its files. */
    record Reached(Map<String, Integer> exits, Map<String, Integer> suppressed, Map<String, Integer> votes,
            int rateHourHighVol, int rateHourCalm, int rateHourCalmAlone, int cooldownOverrides, int socialCapped, int socialBelowCap, int alerts) {
        static Reached of(RunOutputs o) throws Exception {
            Map<String, Integer> exits = new TreeMap<>();
            o.exits.forEach(e -> exits.merge(e.path("reason").asText(), 1, Integer::sum));
            Map<String, Integer> suppressed = new TreeMap<>();
            int hv = 0;
            int calm = 0;
            int calmAlone = 0;
            for (JsonNode s : o.suppressed) {
                suppressed.merge(s.path("reason").asText(), 1, Integer::sum);
                if ("rate_hour".equals(s.path("reason").asText()) && "HIGH_VOL".equals(s.path("regime").asText())) hv++;
                // every check is evaluated (AlertThrottle): a candidate also in cooldown lists rate_hour second
                boolean rateHour = false;
                for (JsonNode reason : s.path("reasons")) rateHour |= "rate_hour".equals(reason.asText());
                if (rateHour && !"HIGH_VOL".equals(s.path("regime").asText())) calm++;
                if ("rate_hour".equals(s.path("reason").asText()) && !"HIGH_VOL".equals(s.path("regime").asText())) calmAlone++;
            }
            Map<String, Integer> votes = new TreeMap<>();
            o.regimes.forEach(v -> votes.merge(v.path("regime").asText(), 1, Integer::sum));
            Map<String, Long> last = new HashMap<>();
            int overrides = 0;
            for (JsonNode a : o.alerts) {
                long ts = a.path("ts").asLong();
                Long prev = last.put(a.path("symbol").asText(), ts);
                if (prev != null && ts - prev < 4 * 3_600_000_000L) overrides++;
            }
            int capped = 0;
            int below = 0;
            for (String line : Files.readAllLines(o.dir.resolve("scores.jsonl"))) {
                JsonNode n = RunOutputs.JSON_READER.readTree(line);
                double social = n.path("social").asDouble(0);
                if (social == 10) capped++;
                else if (social > 0) below++;
            }
            return new Reached(exits, suppressed, votes, hv, calm, calmAlone, overrides, capped, below, o.alerts.size());
        }
    }
}
