package io.cryptorun.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.evaluate.Evaluation.Trade;
import io.cryptorun.jobs.evaluate.RunOutputs.Bar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation's definitions (docs/EVALUATION.md) on hand-built runs, thresholds on and one unit either side. */
class EvaluationTest {
    static final long M = Evaluation.MINUTE;
    static final long H = Evaluation.HOUR;
    static final long T0 = 1_736_121_600_000_000L; // 2025-01-06T00:00Z

    @TempDir
    Path dir;

    static TreeMap<Long, Bar> bars(double... lowHighClose) {
        TreeMap<Long, Bar> m = new TreeMap<>();
        for (int i = 0; i < lowHighClose.length / 3; i++) {
            long t = T0 + i * M;
            m.put(t, new Bar(t, lowHighClose[3 * i + 2], lowHighClose[3 * i + 1], lowHighClose[3 * i], lowHighClose[3 * i + 2]));
        }
        return m;
    }

    @Test
    void hardStopAtItsPriceAndOneTickAbove() {
        // entry 100, ATR 2 → stop 97, target 108
        Trade at = Evaluation.trade(bars(99, 101, 100, 97, 100, 98), T0, 100, 2, T0 + 2 * M);
        assertThat(at.stopped()).isTrue();
        assertThat(at.ret()).isCloseTo(-0.03, within(1e-12));
        assertThat(at.hours()).isCloseTo(2 / 60.0, within(1e-12));
        Trade above = Evaluation.trade(bars(99, 101, 100, 97.0001, 100, 98), T0, 100, 2, T0 + 2 * M);
        assertThat(above.stopped()).isFalse();
        assertThat(above.resolved()).isFalse();
        assertThat(above.ret()).isCloseTo(-0.02, within(1e-12));
        assertThat(above.adverse()).isCloseTo(-0.029999, within(1e-9));
    }

    @Test
    void profitTargetAtItsPriceAndOneTickBelow() {
        assertThat(Evaluation.trade(bars(99, 108, 107), T0, 100, 2, T0 + M).hit()).isTrue();
        assertThat(Evaluation.trade(bars(99, 108, 107), T0, 100, 2, T0 + M).ret()).isEqualTo(0.08);
        assertThat(Evaluation.trade(bars(99, 107.9999, 107), T0, 100, 2, T0 + M).hit()).isFalse();
    }

    @Test
    void stopWinsWhenOneBarTouchesBoth() {
        Trade t = Evaluation.trade(bars(96, 110, 100), T0, 100, 2, T0 + M);
        assertThat(t.stopped()).isTrue();
        assertThat(t.hit()).isFalse();
    }

    @Test
    void timeLimitAfter48HoursElseUnresolved() {
        double[] flat = new double[3 * 48 * 60 + 3];
        for (int i = 0; i < flat.length / 3; i++) {
            flat[3 * i] = 99;
            flat[3 * i + 1] = 101;
            flat[3 * i + 2] = i == 48 * 60 - 1 ? 100.5 : 100;
        }
        TreeMap<Long, Bar> b = bars(flat);
        Trade t = Evaluation.trade(b, T0, 100, 2, b.lastKey() + M);
        assertThat(t.resolved()).isTrue();
        assertThat(t.hours()).isEqualTo(48.0);
        assertThat(t.ret()).isCloseTo(0.005, within(1e-12)); // the close of the last bar inside 48 h
        Trade open = Evaluation.trade(new TreeMap<>(b.headMap(T0 + 10 * M, false)), T0, 100, 2, T0 + 10 * M);
        assertThat(open.resolved()).isFalse();
        assertThat(Evaluation.trade(b, T0, 100, Double.NaN, T0)).isNull();
    }

    @Test
    void ranksShareTiesAndSpearmanIsPearsonOfRanks() {
        assertThat(Evaluation.ranks(new double[] {3, 1, 2, 2})).containsExactly(4, 1, 2.5, 2.5);
        assertThat(Evaluation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {10, 20, 30, 40, 50})).isCloseTo(1, within(1e-12));
        assertThat(Evaluation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 4, 3, 2, 1})).isCloseTo(-1, within(1e-12));
        // by hand: ranks x 1..5, y (2,1,4,3,5) → 1 − 6·Σd²/(n(n²−1)) = 1 − 6·4/120 = 0.8
        assertThat(Evaluation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5})).isCloseTo(0.8, within(1e-12));
    }

    /** A tiny run: 6 symbols, scans every minute for 3 h, 1m bars rising 0.1 %/min for A and falling for the others. */
    Path tinyRun(List<String> alerts, String truth) throws Exception {
        List<String> scores = new ArrayList<>();
        List<String> barLines = new ArrayList<>();
        String[] syms = {"A/USD", "B/USD", "C/USD", "D/USD", "E/USD", "F/USD"};
        for (int s = 0; s < syms.length; s++) {
            double drift = s == 0 ? 0.001 : -0.0001 * s;
            for (int i = 0; i < 180; i++) {
                double close = 100 * Math.pow(1 + drift, i + 1);
                barLines.add(String.format("{\"ts\":%d,\"venue\":\"kraken\",\"symbol\":\"%s\",\"interval\":\"1m\",\"open\":%s,\"high\":%s,\"low\":%s,\"close\":%s}",
                        T0 + i * M, syms[s], close, close, close, close));
            }
            for (int i = 1; i <= 180; i++) {
                double last = 100 * Math.pow(1 + drift, i);
                double score = s == 0 ? 80 : 70 - s;
                scores.add(String.format("{\"ts\":%d,\"symbol\":\"%s\",\"inputs\":{\"last_price\":%s,\"atr_1h\":1},\"regime\":\"CHOPPY\","
                        + "\"score\":%s,\"band\":\"%s\",\"pass\":%s,\"gates\":{\"score\":{\"pass\":%s,\"reasons\":[]}}}",
                        T0 + i * M, syms[s], last, score, s == 0 ? "MODERATE" : "WATCH", s == 0, s == 0));
            }
        }
        Files.write(dir.resolve("scores.jsonl"), scores);
        Files.write(dir.resolve("bars.jsonl"), barLines);
        Files.write(dir.resolve("alerts.jsonl"), alerts);
        Files.writeString(dir.resolve("summary.json"), "{}");
        if (truth != null) {
            Files.writeString(dir.resolve("truth.json"), truth);
        }
        return dir;
    }

    @Test
    void forwardReturnsDecilesAndIcFromTheBars() throws Exception {
        Path run = tinyRun(List.of(), null);
        JsonNode e = new Evaluation(RunOutputs.read(run), null, 7).evaluate();
        // A at tick 1 min: last 100.1, price at +1h = close of the bar closed by then = 100·1.001^61
        JsonNode mod = e.path("by_band").path("MODERATE");
        assertThat(mod.path("n").asInt()).isEqualTo(180);
        assertThat(mod.at("/forward_returns/1h/n").asInt()).isEqualTo(120); // ticks 1..120 have a price 1 h later
        assertThat(mod.at("/forward_returns/1h/mean").asDouble()).isCloseTo(Math.pow(1.001, 60) - 1, within(1e-7));
        assertThat(mod.at("/forward_returns/4h/n").asInt()).isZero();
        // the highest score has the highest forward return at every tick: IC 1
        assertThat(e.at("/rank_ic/1h/mean").asDouble()).isCloseTo(1.0, within(1e-8));
        assertThat(e.at("/rank_ic/1h/ticks").asInt()).isEqualTo(120);
        assertThat(e.at("/by_decile").size()).isEqualTo(10);
        assertThat(e.at("/by_decile/9/score_min").asDouble()).isEqualTo(80.0);
        assertThat(e.at("/counts/gates_passed").asInt()).isEqualTo(180);
        assertThat(e.at("/counts/gate_trips/score").asInt()).isEqualTo(900);
    }

    @Test
    void alertsAgainstBaselinesAreSeededAndRepeatable() throws Exception {
        Path run = tinyRun(List.of("{\"ts\":" + (T0 + M) + ",\"symbol\":\"A/USD\",\"score\":80,\"band\":\"MODERATE\",\"regime\":\"CHOPPY\"}"), null);
        RunOutputs r = RunOutputs.read(run);
        JsonNode a = new Evaluation(r, null, 7).evaluate();
        assertThat(new Evaluation(r, null, 7).evaluate()).isEqualTo(a);
        assertThat(a.at("/groups/alerts/entries").asInt()).isEqualTo(1);
        assertThat(a.at("/groups/alerts/hits").asInt()).isEqualTo(1); // +8 % after 78 minutes at 0.1 %/min
        assertThat(a.at("/groups/gate_passed_not_alerted/entries").asInt()).isEqualTo(179);
        assertThat(a.at("/groups/random_same_regime/entries").asInt()).isEqualTo(Evaluation.RANDOM_PER_ALERT);
        assertThat(a.at("/lift/vs_random_same_regime/mean_return_diff_ci95").size()).isEqualTo(2);
    }

    @Test
    void truthLeadWindowOnAndOneMicrosecondOutside() throws Exception {
        long move = T0 + 2 * H;
        String truth = "{\"format\":\"cryptorun-sim-truth/1\",\"regimes\":[{\"regime\":\"CHOPPY\",\"start_ts\":" + (T0 - 48 * H)
                + ",\"end_ts\":" + (T0 + 10 * H) + "}],\"setups\":["
                + "{\"symbol\":\"A/USD\",\"direction\":\"up\",\"move_start_ts\":" + move + ",\"move_end_ts\":" + (move + H) + "},"
                + "{\"symbol\":\"B/USD\",\"direction\":\"down\",\"move_start_ts\":" + move + ",\"move_end_ts\":" + (move + H) + "}]}";
        JsonNode t = RunOutputs.JSON.readTree(truth);
        List<JsonNode> setups = new ArrayList<>();
        t.path("setups").forEach(setups::add);
        assertThat(TruthEvaluation.classify(alert(move - TruthEvaluation.LEAD_WINDOW, "A/USD"), setups)).isEqualTo("up");
        assertThat(TruthEvaluation.classify(alert(move - TruthEvaluation.LEAD_WINDOW - 1, "A/USD"), setups)).isEqualTo("none");
        assertThat(TruthEvaluation.classify(alert(move - 1, "B/USD"), setups)).isEqualTo("down");
        assertThat(TruthEvaluation.classify(alert(move, "B/USD"), setups)).isEqualTo("during_down");
        assertThat(TruthEvaluation.classify(alert(move + H, "A/USD"), setups)).isEqualTo("during_up");
        assertThat(TruthEvaluation.classify(alert(move + H + 1, "A/USD"), setups)).isEqualTo("none");

        Path run = tinyRun(List.of(alertLine(T0 + H, "A/USD"), alertLine(T0 + H, "B/USD")), truth);
        JsonNode e = new Evaluation(RunOutputs.read(run), t, 7).evaluate().path("truth");
        assertThat(e.path("setups_in_window").asInt()).isEqualTo(2);
        assertThat(e.path("recall").asDouble()).isEqualTo(1.0);
        assertThat(e.path("precision").asDouble()).isEqualTo(0.5); // the B long before its down-move is a false positive
        assertThat(e.path("alerts_before_down_move").asInt()).isEqualTo(1);
        assertThat(e.path("median_lead_hours").asDouble()).isEqualTo(1.0);
        assertThat(e.at("/regime_agreement_per_scan/agreement").asDouble()).isEqualTo(1.0);
        assertThat(e.at("/by_regime_and_direction/CHOPPY down/false_positive_rate").asDouble()).isEqualTo(1.0);
    }

    static JsonNode alert(long ts, String symbol) throws Exception {
        return RunOutputs.JSON.readTree(alertLine(ts, symbol));
    }

    static String alertLine(long ts, String symbol) {
        return "{\"ts\":" + ts + ",\"symbol\":\"" + symbol + "\",\"score\":80,\"band\":\"MODERATE\",\"regime\":\"CHOPPY\"}";
    }
}
