package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.functions.alerts.ThrottleConfig;
import io.cryptorun.functions.gates.GateConfig;
import io.cryptorun.jobs.output.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The "done when" on a replay's output files, checked from the files alone (an
 * independent reading of what the job wrote): every alert passed every gate with the SPEC
 * thresholds, residual factors are uncorrelated within each tick, social adds at most 10, the
 * throttle limits hold, and the fixture exercises alerts, exits, regime changes and every gate.
 */
final class AnalyticsInvariants {
    static final double MAX_CORRELATION = 0.01;
    static final String[] GATES = {"freshness", "fatigue", "late_fill", "microstructure", "score"};
    static final String[] RESIDUALS = {"momentum", "technical", "volume", "quality"};

    private AnalyticsInvariants() {}

    static List<JsonNode> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isEmpty()) out.add(json.readTree(line));
        }
        return out;
    }

    static void check(Path out) throws IOException {
        List<JsonNode> scores = read(out.resolve(OutputFiles.SCORES));
        List<JsonNode> alerts = read(out.resolve(OutputFiles.ALERTS));
        List<JsonNode> suppressed = read(out.resolve(OutputFiles.SUPPRESSED));
        List<JsonNode> exits = read(out.resolve(OutputFiles.EXITS));
        List<JsonNode> regimes = read(out.resolve(OutputFiles.REGIME));
        GateConfig g = GateConfig.defaults();

        Map<String, JsonNode> scoreByTickSymbol = new HashMap<>();
        Map<Long, List<JsonNode>> byTick = new TreeMap<>();
        Map<String, Long> trips = new TreeMap<>();
        long passed = 0;
        for (JsonNode s : scores) {
            scoreByTickSymbol.put(s.path("ts").asLong() + "|" + s.path("symbol").asText(), s);
            byTick.computeIfAbsent(s.path("ts").asLong(), k -> new ArrayList<>()).add(s);
            assertThat(s.path("social").asDouble()).isBetween(0.0, 10.0);
            assertThat(s.path("score").asDouble()).isBetween(0.0, 110.0);
            assertThat(s.path("score").asDouble()).isCloseTo(s.path("base").asDouble() + s.path("social").asDouble(),
                    org.assertj.core.data.Offset.offset(1e-6));
            for (String gate : GATES) {
                if (!s.path("gates").path(gate).path("pass").asBoolean()) trips.merge(gate, 1L, Long::sum);
            }
            if (s.path("pass").asBoolean()) passed++;
        }

        // every alert passed every gate, checked against the SPEC thresholds from the scored inputs
        for (JsonNode a : alerts) {
            JsonNode s = scoreByTickSymbol.get(a.path("ts").asLong() + "|" + a.path("symbol").asText());
            assertThat(s).as("alert has its score line").isNotNull();
            JsonNode in = s.path("inputs");
            for (String gate : GATES) {
                assertThat(a.path("gates").path(gate).path("pass").asBoolean()).as(gate).isTrue();
            }
            assertThat(a.path("microstructure").path("spread_bps").asDouble()).isLessThan(g.maxSpreadBps());
            assertThat(a.path("microstructure").path("depth_usd").asDouble()).isGreaterThanOrEqualTo(g.minDepthUsd());
            assertThat(in.path("vadr_bars").asInt()).isGreaterThanOrEqualTo(g.minVadrBars());
            assertThat(in.path("vadr").asDouble()).isGreaterThanOrEqualTo(g.vadrTiers().minimumFor(in.path("adv_24h").asDouble()));
            assertThat(a.path("score").asDouble()).isGreaterThanOrEqualTo(g.minScore());
        }

        // residual factors uncorrelated with MomentumCore and with each other, within each tick
        for (Map.Entry<Long, List<JsonNode>> tick : byTick.entrySet()) {
            List<JsonNode> rows = tick.getValue();
            if (rows.get(0).path("residualization_skipped").asBoolean()) continue;
            double[][] v = new double[RESIDUALS.length][rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                for (int f = 0; f < RESIDUALS.length; f++) v[f][i] = rows.get(i).path("residual").path(RESIDUALS[f]).asDouble();
            }
            for (int a = 0; a < RESIDUALS.length; a++) {
                for (int b = a + 1; b < RESIDUALS.length; b++) {
                    assertThat(Math.abs(correlation(v[a], v[b]))).as("tick %d %s~%s", tick.getKey(), RESIDUALS[a], RESIDUALS[b])
                            .isLessThan(MAX_CORRELATION);
                }
            }
        }

        // throttle limits per channel: ≤ 3 (6 in HIGH_VOL) per rolling hour, ≤ 10 per day, 4 h cooldown unless +5
        ThrottleConfig t = ThrottleConfig.defaults();
        Map<String, List<JsonNode>> byChannel = new TreeMap<>();
        for (JsonNode a : alerts) byChannel.computeIfAbsent(a.path("channel").asText(), k -> new ArrayList<>()).add(a);
        for (List<JsonNode> sent : byChannel.values()) {
            for (int i = 0; i < sent.size(); i++) {
                long ts = sent.get(i).path("ts").asLong();
                int hour = 0, day = 0;
                for (int j = 0; j <= i; j++) {
                    long tj = sent.get(j).path("ts").asLong();
                    if (tj > ts - t.hourMicros()) hour++;
                    if (tj > ts - t.dayMicros()) day++;
                    if (j < i && sent.get(j).path("symbol").asText().equals(sent.get(i).path("symbol").asText())
                            && ts - tj < t.cooldownMicros()) {
                        assertThat(sent.get(i).path("score").asDouble())
                                .isGreaterThanOrEqualTo(sent.get(j).path("score").asDouble() + t.cooldownScoreRise());
                    }
                }
                int hourly = t.highVolRegime().equals(sent.get(i).path("regime").asText()) ? t.maxPerHourHighVol() : t.maxPerHour();
                assertThat(hour).isLessThanOrEqualTo(hourly);
                assertThat(day).isLessThanOrEqualTo(t.maxPerDay());
            }
        }
        // every gate-passing score became an alert or a suppression, on the one default channel
        assertThat((long) alerts.size() + suppressed.size()).isEqualTo(passed);

        // the bundled fixture exercises all of it
        assertThat(alerts).isNotEmpty();
        assertThat(exits).isNotEmpty();
        long changes = 0;
        for (int i = 1; i < regimes.size(); i++) {
            if (!regimes.get(i).path("regime").asText().equals(regimes.get(i - 1).path("regime").asText())) changes++;
        }
        assertThat(changes).isPositive();
        for (String gate : GATES) {
            assertThat(trips.getOrDefault(gate, 0L)).as("trips of %s", gate).isPositive();
        }
        long lastTick = scores.get(scores.size() - 1).path("ts").asLong();
        assertThat(scores.stream().anyMatch(s -> s.path("ts").asLong() < lastTick
                        && !s.path("gates").path("late_fill").path("pass").asBoolean()))
                .as("a late tick before the end of input (the simulated feed stall)").isTrue();
    }

    static double correlation(double[] a, double[] b) {
        int n = a.length;
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa > 1e-18 && sbb > 1e-18 ? sab / Math.sqrt(saa * sbb) : 0.0;
    }
}
