package io.cryptorun.functions.gates;

/** SPEC §8 gates, in evaluation (and reporting) order. {@link #code()} is the stable name in artifacts and metrics. */
public enum Gate {
    FRESHNESS("freshness"),
    FATIGUE("fatigue"),
    LATE_FILL("late_fill"),
    MICROSTRUCTURE("microstructure"),
    SCORE("score");

    private final String code;

    Gate(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
