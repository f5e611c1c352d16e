package io.cryptorun.functions.alerts;

/**
 * One message of the control topic {@code cryptorun.control} (SPEC §9).
 *
 * @param tsMicros  event time from which it applies
 * @param seq       order among commands of the same time (file line or topic offset)
 * @param action    {@code mute}, {@code unmute}, {@code allow}, {@code unallow}, {@code deny}, {@code undeny}
 * @param scope     {@code symbol} or {@code channel} (mute/unmute); allow/deny lists hold symbols
 * @param target    the symbol or channel
 * @param ttlMicros how long a mute or list entry lasts; 0 = until undone
 * @param user      who issued it (audit)
 */
public record ControlCommand(long tsMicros, long seq, String action, String scope, String target, long ttlMicros,
        String user) {
    public static final String MUTE = "mute";
    public static final String UNMUTE = "unmute";
    public static final String ALLOW = "allow";
    public static final String UNALLOW = "unallow";
    public static final String DENY = "deny";
    public static final String UNDENY = "undeny";
    public static final String SCOPE_SYMBOL = "symbol";
    public static final String SCOPE_CHANNEL = "channel";

    /** Null when the command is well formed, else why it is ignored (audited as rejected). */
    public String problem() {
        if (target == null || target.isEmpty()) {
            return "missing_target";
        }
        if (ttlMicros < 0) {
            return "negative_ttl";
        }
        return switch (action == null ? "" : action) {
            case MUTE, UNMUTE -> SCOPE_SYMBOL.equals(scope) || SCOPE_CHANNEL.equals(scope) ? null : "bad_scope";
            case ALLOW, UNALLOW, DENY, UNDENY -> null;
            default -> "unknown_action";
        };
    }

    /** When the mute or list entry it creates expires ({@link Mute#FOREVER} without TTL). */
    public long expiresMicros() {
        return ttlMicros == 0 ? Mute.FOREVER : tsMicros + ttlMicros;
    }

    /** Broadcast-state key: orders by time, then sequence. */
    public String key() {
        return String.format("%020d|%020d", tsMicros - Long.MIN_VALUE, seq - Long.MIN_VALUE);
    }
}
