package io.cryptorun.functions.gates;

import java.util.ArrayList;
import java.util.List;

/** All gates in SPEC order, every one evaluated; {@code pass} iff all pass. */
public record GateReport(String symbol, List<GateResult> gates, boolean pass) {
    public GateReport {
        gates = List.copyOf(gates);
    }

    /** Every failure reason, in gate order then check order. */
    public List<String> reasons() {
        List<String> all = new ArrayList<>();
        for (GateResult g : gates) {
            all.addAll(g.reasons());
        }
        return all;
    }

    public GateResult get(Gate gate) {
        return gates.get(gate.ordinal());
    }
}
