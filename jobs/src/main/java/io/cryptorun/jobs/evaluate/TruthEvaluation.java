package io.cryptorun.jobs.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptorun.jobs.evaluate.RunOutputs.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run against the simulator's {@code truth.json} ({@code cryptorun-sim-truth/1}): planted
 * setups whose move starts inside the scanned window, the alerts that anticipated them (alert on
 * the symbol in the {@value #LEAD_WINDOW_HOURS} hours before the move starts; an alert counts for
 * the nearest move after it), and the regime the
 * scanner held at every scan tick and vote compared with the planted regime at that time.
 */
final class TruthEvaluation {
    private TruthEvaluation() {}

    /** Regimes the detector cannot confirm: a non-HIGH_VOL switch needs two consecutive 4 h votes. */
    static final long CONFIRM_MICROS = 8 * Evaluation.HOUR;
    static final int LEAD_WINDOW_HOURS = 24;
    static final long LEAD_WINDOW = LEAD_WINDOW_HOURS * Evaluation.HOUR;

    static ObjectNode evaluate(JsonNode truth, RunOutputs run, long firstScan, long lastScan) {
        ObjectNode o = RunOutputs.object();
        o.put("format", truth.path("format").asText());
        o.put("generator", truth.path("generator").asText());
        List<JsonNode> setups = new ArrayList<>();
        for (JsonNode s : truth.path("setups")) {
            long move = s.path("move_start_ts").asLong();
            if (move >= firstScan && move <= lastScan) {
                setups.add(s);
            }
        }
        // each alert: the setup it anticipated, if any
        int truePositives = 0;
        int beforeDown = 0;
        int duringUp = 0;
        int duringDown = 0;
        int unplanned = 0;
        List<Double> leadHours = new ArrayList<>();
        Map<String, int[]> byRegimeDir = new TreeMap<>(); // key → {setups, detected, alerts before}
        ArrayNode detail = o.putArray("setups");
        for (JsonNode s : setups) {
            String dir = s.path("direction").asText();
            long move = s.path("move_start_ts").asLong();
            long firstAlert = Long.MAX_VALUE;
            int n = 0;
            for (JsonNode a : run.alerts) {
                long t = a.path("ts").asLong();
                if (anticipated(a, setups) == s) {
                    n++;
                    firstAlert = Math.min(firstAlert, t);
                }
            }
            String regime = regimeAt(truth, move);
            int[] c = byRegimeDir.computeIfAbsent(regime + "|" + dir, k -> new int[3]);
            c[0]++;
            if (n > 0) {
                c[1]++;
                c[2] += n;
                if (dir.equals("up")) {
                    leadHours.add((move - firstAlert) / (double) Evaluation.HOUR);
                }
            }
            ObjectNode d = detail.addObject();
            d.put("symbol", s.path("symbol").asText());
            d.put("direction", dir);
            d.put("move_start", s.path("move_start").asText());
            d.put("regime", regime);
            d.put("alerts_before_move", n);
            if (n > 0) {
                Evaluation.num(d, "lead_hours", (move - firstAlert) / (double) Evaluation.HOUR);
            } else {
                d.putNull("lead_hours");
            }
        }
        for (JsonNode a : run.alerts) {
            String kind = classify(a, setups);
            switch (kind) {
                case "up" -> truePositives++;
                case "down" -> beforeDown++;
                case "during_up" -> duringUp++;
                case "during_down" -> duringDown++;
                default -> unplanned++;
            }
        }
        long up = setups.stream().filter(s -> s.path("direction").asText().equals("up")).count();
        long upDetected = setups.stream().filter(s -> s.path("direction").asText().equals("up")
                && detail.get(setups.indexOf(s)).path("alerts_before_move").asInt() > 0).count();
        o.put("setups_in_window", setups.size());
        o.put("up_setups", up);
        o.put("up_setups_alerted", upDetected);
        Evaluation.num(o, "recall", up == 0 ? Double.NaN : upDetected / (double) up);
        o.put("alerts", run.alerts.size());
        o.put("alerts_before_up_move", truePositives);
        o.put("alerts_before_down_move", beforeDown);
        o.put("alerts_during_up_move", duringUp);
        o.put("alerts_during_down_move", duringDown);
        o.put("alerts_without_planted_move", unplanned);
        Evaluation.num(o, "precision", run.alerts.isEmpty() ? Double.NaN : truePositives / (double) run.alerts.size());
        Evaluation.num(o, "median_lead_hours", Evaluation.median(leadHours.stream().mapToDouble(Double::doubleValue).toArray()));
        ObjectNode per = o.putObject("by_regime_and_direction");
        byRegimeDir.forEach((k, c) -> {
            ObjectNode x = per.putObject(k.replace('|', ' '));
            x.put("setups", c[0]);
            x.put("alerted", c[1]);
            x.put("alerts", c[2]);
            Evaluation.num(x, k.endsWith("|up") ? "recall" : "false_positive_rate", c[0] == 0 ? Double.NaN : c[1] / (double) c[0]);
        });
        o.set("regime_agreement_per_scan", agreement(truth, scanRegimes(run)));
        TreeMap<Long, String> votes = new TreeMap<>();
        run.regimes.forEach(v -> votes.put(v.path("ts").asLong(), v.path("regime").asText()));
        o.set("regime_agreement_per_vote", agreement(truth, votes));
        o.set("undetectable_regimes", undetectable(truth, firstScan, lastScan));
        return o;
    }

    /**
     * "up"/"down": the planted move the alert preceded (within the lead window); else
     * "during_up"/"during_down": the alert came while a planted move of its symbol was under way
     * (late, or a long into a fall); else "none".
     */
    static String classify(JsonNode alert, List<JsonNode> setups) {
        JsonNode s = anticipated(alert, setups);
        if (s != null) {
            return s.path("direction").asText();
        }
        long t = alert.path("ts").asLong();
        for (JsonNode x : setups) {
            if (x.path("symbol").asText().equals(alert.path("symbol").asText())
                    && t >= x.path("move_start_ts").asLong() && t <= x.path("move_end_ts").asLong()) {
                return "during_" + x.path("direction").asText();
            }
        }
        return "none";
    }

    /** The setup of the alert's symbol whose move starts soonest after the alert, within the lead window; null if none. */
    static JsonNode anticipated(JsonNode alert, List<JsonNode> setups) {
        long t = alert.path("ts").asLong();
        JsonNode best = null;
        for (JsonNode s : setups) {
            long move = s.path("move_start_ts").asLong();
            if (s.path("symbol").asText().equals(alert.path("symbol").asText()) && t < move && move - t <= LEAD_WINDOW
                    && (best == null || move < best.path("move_start_ts").asLong())) {
                best = s;
            }
        }
        return best;
    }

    static TreeMap<Long, String> scanRegimes(RunOutputs run) {
        TreeMap<Long, String> m = new TreeMap<>();
        for (Score s : run.scores) {
            m.put(s.ts(), s.regime());
        }
        return m;
    }

    static ObjectNode agreement(JsonNode truth, TreeMap<Long, String> seen) {
        ObjectNode o = RunOutputs.object();
        Map<String, Map<String, Long>> confusion = new TreeMap<>();
        long agree = 0;
        long n = 0;
        for (Map.Entry<Long, String> e : seen.entrySet()) {
            String t = regimeAt(truth, e.getKey());
            if (t.equals("UNKNOWN")) {
                continue;
            }
            n++;
            if (t.equals(e.getValue())) {
                agree++;
            }
            confusion.computeIfAbsent(t, x -> new TreeMap<>()).merge(e.getValue(), 1L, Long::sum);
        }
        o.put("compared", n);
        o.put("agree", agree);
        Evaluation.num(o, "agreement", n == 0 ? Double.NaN : agree / (double) n);
        ObjectNode c = o.putObject("truth_vs_scanner");
        confusion.forEach((t, m) -> Evaluation.putCounts(c.putObject(t), m));
        return o;
    }

    /** Planted segments overlapping the window that are too short for the detector to confirm. */
    static ObjectNode undetectable(JsonNode truth, long first, long last) {
        ObjectNode o = RunOutputs.object();
        o.put("rule", "a switch to a regime other than HIGH_VOL needs the same winner on two consecutive 4h votes, "
                + "so planted segments shorter than 8 h cannot be confirmed; HIGH_VOL shorter than 4 h may fall between votes");
        ArrayNode a = o.putArray("segments");
        for (JsonNode r : truth.path("regimes")) {
            long s = r.path("start_ts").asLong();
            long e = r.path("end_ts").asLong();
            long need = r.path("regime").asText().equals("HIGH_VOL") ? 4 * Evaluation.HOUR : CONFIRM_MICROS;
            if (e > first && s <= last && e - s < need) {
                a.addObject().put("regime", r.path("regime").asText()).put("start", r.path("start").asText())
                        .put("hours", Evaluation.round((e - s) / (double) Evaluation.HOUR));
            }
        }
        return o;
    }

    static String regimeAt(JsonNode truth, long t) {
        for (JsonNode r : truth.path("regimes")) {
            if (t >= r.path("start_ts").asLong() && t < r.path("end_ts").asLong()) {
                return r.path("regime").asText();
            }
        }
        return "UNKNOWN";
    }
}
