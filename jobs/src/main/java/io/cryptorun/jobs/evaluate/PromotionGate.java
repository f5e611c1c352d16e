package io.cryptorun.jobs.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The promotion gate: an evaluation against a committed baseline ({@code docs/baselines/*.json}).
 * Every count must be equal (a change that moves a count must update the baseline in the same
 * commit); hit rate, lift and recall may not fall by more than the baseline's tolerances.
 * Returns one line per regression; empty = promotable.
 */
public final class PromotionGate {
    public static final String FORMAT = "cryptorun-evaluation-baseline/1";
    /** The judged metrics: name → path in evaluation.json. */
    static final Map<String, String> METRICS = new java.util.LinkedHashMap<>();

    static {
        METRICS.put("hit_rate", "/groups/alerts/hit_rate");
        METRICS.put("lift_vs_gate_passed", "/lift/vs_gate_passed_not_alerted/mean_return_diff");
        METRICS.put("lift_vs_random", "/lift/vs_random_same_regime/mean_return_diff");
        METRICS.put("recall", "/truth/recall");
    }

    static final double TOL_HIT_RATE = 0.05;
    static final double TOL_LIFT = 0.005;
    static final double TOL_RECALL = 0.05;

    private PromotionGate() {}

    /** The baseline of {@code evaluation}: its counts and judged metrics, with the default tolerances. */
    public static ObjectNode baselineOf(JsonNode evaluation, String command) {
        ObjectNode b = RunOutputs.object();
        b.put("format", FORMAT);
        b.put("regenerate", command);
        ObjectNode tol = b.putObject("tolerances");
        tol.put("hit_rate", TOL_HIT_RATE);
        tol.put("lift_vs_gate_passed", TOL_LIFT);
        tol.put("lift_vs_random", TOL_LIFT);
        tol.put("recall", TOL_RECALL);
        b.set("counts", evaluation.path("counts").deepCopy());
        ObjectNode m = b.putObject("metrics");
        METRICS.forEach((name, path) -> m.set(name, evaluation.at(path).isMissingNode() ? m.nullNode() : evaluation.at(path)));
        return b;
    }

    public static List<String> regressions(JsonNode evaluation, JsonNode baseline) {
        List<String> out = new ArrayList<>();
        if (!FORMAT.equals(baseline.path("format").asText())) {
            out.add("baseline format is " + baseline.path("format") + ", expected " + FORMAT);
            return out;
        }
        compareCounts("", baseline.path("counts"), evaluation.path("counts"), out);
        METRICS.forEach((name, path) -> {
            JsonNode was = baseline.path("metrics").path(name);
            JsonNode now = evaluation.at(path);
            double tol = baseline.path("tolerances").path(name).asDouble(0);
            if (was.isNumber()) {
                if (!now.isNumber()) {
                    out.add(name + ": " + was.asDouble() + " in the baseline, now not computable");
                } else if (now.asDouble() < was.asDouble() - tol - 1e-12) {
                    out.add(String.format("%s fell from %s to %s (tolerance %s)", name, was.asDouble(), now.asDouble(), tol));
                }
            }
        });
        return out;
    }

    /** Every count of either side must be present and equal in the other. */
    static void compareCounts(String prefix, JsonNode was, JsonNode now, List<String> out) {
        TreeSet<String> names = new TreeSet<>();
        was.fieldNames().forEachRemaining(names::add);
        now.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            JsonNode a = was.path(n);
            JsonNode b = now.path(n);
            String p = prefix + n;
            if (a.isObject() || b.isObject()) {
                compareCounts(p + ".", a.isObject() ? a : RunOutputs.object(), b.isObject() ? b : RunOutputs.object(), out);
            } else if (a.asLong(0) != b.asLong(0) || a.isMissingNode() != b.isMissingNode()) {
                out.add("count " + p + " changed: " + (a.isMissingNode() ? "absent" : a.asText()) + " → "
                        + (b.isMissingNode() ? "absent" : b.asText()) + " without the baseline being updated");
            }
        }
    }
}
