package io.cryptorun.functions.scan;

import io.cryptorun.functions.gates.GateReport;
import io.cryptorun.functions.gates.GateResult;

/** One gate's verdict as a POJO (the pure {@link GateResult} holds a List, which Flink would hand to Kryo). */
public record GateOutcome(String gate, boolean pass, String[] reasons) {
    public static GateOutcome[] of(GateReport report) {
        GateOutcome[] out = new GateOutcome[report.gates().size()];
        for (int i = 0; i < out.length; i++) {
            GateResult g = report.gates().get(i);
            out[i] = new GateOutcome(g.gate().code(), g.pass(), g.reasons().toArray(String[]::new));
        }
        return out;
    }
}
