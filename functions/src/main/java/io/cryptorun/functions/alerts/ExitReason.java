package io.cryptorun.functions.alerts;

/** SPEC §9 paper exits in precedence order (the ordinal): when several trigger on one update, the first wins. */
public enum ExitReason {
    HARD_STOP("hard_stop"),
    VENUE_HEALTH("venue_health"),
    TIME_LIMIT("time_limit"),
    ACCELERATION_REVERSAL("acceleration_reversal"),
    MOMENTUM_FADE("momentum_fade"),
    TRAILING_STOP("trailing_stop"),
    PROFIT_TARGET("profit_target");

    private final String code;

    ExitReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
