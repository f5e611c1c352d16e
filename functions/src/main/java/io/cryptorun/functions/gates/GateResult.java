package io.cryptorun.functions.gates;

import java.util.List;

/** One gate's verdict; {@code reasons} is empty iff {@code pass}. */
public record GateResult(Gate gate, boolean pass, List<String> reasons) {
    public GateResult {
        reasons = List.copyOf(reasons);
        if (pass != reasons.isEmpty()) {
            throw new IllegalArgumentException("a gate passes iff it has no reasons");
        }
    }
}
