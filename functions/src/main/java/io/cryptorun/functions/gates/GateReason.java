package io.cryptorun.functions.gates;

/**
 * Stable snake_case reason codes. They are persisted ({@code premove_artifacts.reasons}) and
 * counted in metrics, so a code is never renamed; new ones may be added. A missing (NaN or
 * absent) input fails its gate with a {@code *_missing} reason: guards fail closed.
 */
public final class GateReason {
    private GateReason() {}

    // freshness
    public static final String SIGNAL_BAR_MISSING = "signal_bar_missing";
    public static final String SIGNAL_BAR_AFTER_TICK = "signal_bar_after_tick";
    public static final String SIGNAL_BAR_STALE = "signal_bar_stale";
    public static final String PRICE_MISSING = "price_missing";
    public static final String ATR_MISSING = "atr_missing";
    public static final String PRICE_DRIFT_EXCEEDS_ATR = "price_drift_exceeds_atr";
    // fatigue
    public static final String FATIGUE_INPUTS_MISSING = "fatigue_inputs_missing";
    public static final String FATIGUED = "fatigued";
    // late fill
    public static final String RECEIVE_TIME_MISSING = "receive_time_missing";
    public static final String LATE_FILL = "late_fill";
    // microstructure
    public static final String SPREAD_MISSING = "spread_missing";
    public static final String SPREAD_TOO_WIDE = "spread_too_wide";
    public static final String DEPTH_MISSING = "depth_missing";
    public static final String DEPTH_TOO_THIN = "depth_too_thin";
    public static final String ADV_MISSING = "adv_missing";
    public static final String ADV_INELIGIBLE = "adv_ineligible";
    public static final String VADR_INSUFFICIENT_BARS = "vadr_insufficient_bars";
    public static final String VADR_MISSING = "vadr_missing";
    public static final String VADR_BELOW_TIER = "vadr_below_tier";
    // score
    public static final String SCORE_MISSING = "score_missing";
    public static final String SCORE_BELOW_THRESHOLD = "score_below_threshold";
}
