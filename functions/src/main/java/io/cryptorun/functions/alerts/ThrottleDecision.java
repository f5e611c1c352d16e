package io.cryptorun.functions.alerts;

import java.util.List;

/** The throttle's answer: send or not, every suppression reason (empty iff sent), and the next state. */
public record ThrottleDecision(boolean send, List<String> reasons, ThrottleState state) {
    public ThrottleDecision {
        reasons = List.copyOf(reasons);
    }

    /** The first (most specific) reason, or null when sent. */
    public String reason() {
        return reasons.isEmpty() ? null : reasons.get(0);
    }
}
