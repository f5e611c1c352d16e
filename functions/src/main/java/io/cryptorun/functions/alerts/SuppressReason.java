package io.cryptorun.functions.alerts;

/** Stable snake_case codes for suppressed alerts (persisted and counted; never renamed). */
public final class SuppressReason {
    private SuppressReason() {}

    public static final String OUT_OF_ORDER = "out_of_order";
    public static final String DENIED = "denied";
    public static final String NOT_ALLOWED = "not_allowed";
    public static final String MUTED_CHANNEL = "muted_channel";
    public static final String MUTED_SYMBOL = "muted";
    public static final String COOLDOWN = "cooldown";
    public static final String RATE_HOUR = "rate_hour";
    public static final String RATE_DAY = "rate_day";

    /** Every reason, in the order the throttle checks them. */
    public static final java.util.List<String> ALL =
            java.util.List.of(OUT_OF_ORDER, DENIED, NOT_ALLOWED, MUTED_CHANNEL, MUTED_SYMBOL, COOLDOWN, RATE_HOUR, RATE_DAY);
}
