package io.cryptorun.functions.indicators;

/** Whether {@link Vadr} has a value, and if not, the reason code the gate records. */
public enum VadrStatus {
    OK(null),
    /** SPEC §5: fewer than 20 bars in the short (24-bar) window. */
    INSUFFICIENT_BARS("vadr_insufficient_bars"),
    /**
     * Enough bars, but a ratio has a zero denominator: no volume in the short window (its vwr is
     * 0/0) or no volume-weighted range at all in the long window (VADR would be x/0).
     */
    UNDEFINED_RATIO("vadr_undefined_ratio");

    private final String reasonCode;

    VadrStatus(String reasonCode) {
        this.reasonCode = reasonCode;
    }

    /** The gate reason code; null for {@link #OK}. */
    public String reasonCode() {
        return reasonCode;
    }
}
