package io.cryptorun.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The promotion gate: counts exactly, metrics at their tolerance and one unit either side. */
class PromotionGateTest {

    static ObjectNode evaluation(double hitRate, double liftPassed, double liftRandom, Double recall) throws Exception {
        ObjectNode e = (ObjectNode) RunOutputs.JSON.readTree("""
                {"counts":{"alerts":2,"exits":{"hard_stop":1},"gate_trips":{"score":10}},
                 "groups":{"alerts":{}},"lift":{"vs_gate_passed_not_alerted":{},"vs_random_same_regime":{}},"truth":{}}""");
        ((ObjectNode) e.at("/groups/alerts")).put("hit_rate", hitRate);
        ((ObjectNode) e.at("/lift/vs_gate_passed_not_alerted")).put("mean_return_diff", liftPassed);
        ((ObjectNode) e.at("/lift/vs_random_same_regime")).put("mean_return_diff", liftRandom);
        if (recall == null) {
            ((ObjectNode) e.at("/truth")).putNull("recall");
        } else {
            ((ObjectNode) e.at("/truth")).put("recall", recall);
        }
        return e;
    }

    @Test
    void sameEvaluationPasses() throws Exception {
        ObjectNode e = evaluation(0.5, 0.01, 0.02, 0.6);
        assertThat(PromotionGate.regressions(e, PromotionGate.baselineOf(e, "cmd"))).isEmpty();
    }

    @Test
    void hitRateAtToleranceAndOneUnitEitherSide() throws Exception {
        JsonNode base = PromotionGate.baselineOf(evaluation(0.5, 0.01, 0.02, 0.6), "cmd");
        // exactly the tolerance below: passes; a hair more: fails; a rise: passes
        assertThat(PromotionGate.regressions(evaluation(0.45, 0.01, 0.02, 0.6), base)).isEmpty();
        assertThat(PromotionGate.regressions(evaluation(0.4499, 0.01, 0.02, 0.6), base))
                .containsExactly("hit_rate fell from 0.5 to 0.4499 (tolerance 0.05)");
        assertThat(PromotionGate.regressions(evaluation(0.4501, 0.01, 0.02, 0.6), base)).isEmpty();
    }

    @Test
    void liftAndRecallAtTolerance() throws Exception {
        JsonNode base = PromotionGate.baselineOf(evaluation(0.5, 0.01, 0.02, 0.6), "cmd");
        assertThat(PromotionGate.regressions(evaluation(0.5, 0.005, 0.015, 0.55), base)).isEmpty();
        assertThat(PromotionGate.regressions(evaluation(0.5, 0.0049, 0.0149, 0.5499), base)).hasSize(3);
        assertThat(PromotionGate.regressions(evaluation(0.5, 0.01, 0.02, null), base))
                .containsExactly("recall: 0.6 in the baseline, now not computable");
    }

    @Test
    void anyCountChangeIsARegression() throws Exception {
        ObjectNode e = evaluation(0.5, 0.01, 0.02, 0.6);
        JsonNode base = PromotionGate.baselineOf(e, "cmd");
        ObjectNode more = e.deepCopy();
        ((ObjectNode) more.at("/counts")).put("alerts", 3);
        ((ObjectNode) more.at("/counts/exits")).put("profit_target", 1);
        ((ObjectNode) more.at("/counts/gate_trips")).remove("score");
        assertThat(PromotionGate.regressions(more, base)).containsExactly(
                "count alerts changed: 2 → 3 without the baseline being updated",
                "count exits.profit_target changed: absent → 1 without the baseline being updated",
                "count gate_trips.score changed: 10 → absent without the baseline being updated");
    }

    @Test
    void wrongBaselineFormatIsOneLine() throws Exception {
        assertThat(PromotionGate.regressions(evaluation(0.5, 0, 0, 0.5), RunOutputs.JSON.readTree("{\"format\":\"x\"}")))
                .hasSize(1).first().asString().contains("baseline format");
    }

    @Test
    void bundledBaselineIsWellFormed() throws Exception {
        JsonNode b = RunOutputs.JSON.readTree(java.nio.file.Path.of("..", "docs", "baselines", "kraken-sim.json").toFile());
        assertThat(b.path("format").asText()).isEqualTo(PromotionGate.FORMAT);
        assertThat(b.path("regenerate").asText()).contains("--write-baseline docs/baselines/kraken-sim.json");
        assertThat(b.path("counts").path("alerts").isNumber()).isTrue();
    }
}
