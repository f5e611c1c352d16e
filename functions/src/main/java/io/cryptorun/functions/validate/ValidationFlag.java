package io.cryptorun.functions.validate;

/**
 * One finding of the validation layer. {@code check} is the counter label of
 * {@code cryptorun_quarantine_total{tier,region,kind}} (kind = check): schema, stale, price_z, volume_z, cross_venue, spike.
 */
public record ValidationFlag(String check, String reason) {
    public static final String SCHEMA = "schema";
    public static final String STALE = "stale";
    public static final String PRICE_Z = "price_z";
    public static final String VOLUME_Z = "volume_z";
    public static final String CROSS_VENUE = "cross_venue";
    public static final String SPIKE = "spike";
    /** Every kind of flag, in a fixed order (metrics register one counter per kind up front). */
    public static final java.util.List<String> KINDS = java.util.List.of(SCHEMA, STALE, PRICE_Z, VOLUME_Z, CROSS_VENUE, SPIKE);
}
