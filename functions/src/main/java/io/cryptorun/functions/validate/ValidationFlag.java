package io.cryptorun.functions.validate;

/**
 * One finding of the validation layer. {@code check} is the counter label of
 * {@code cryptorun_quarantine_total{tier,region,kind}} (kind = check): schema, stale, price_z, volume_z, cross_venue, spike, and for book states
 * book_spike, book_price_z, book_cross_venue.
 */
public record ValidationFlag(String check, String reason) {
    public static final String SCHEMA = "schema";
    public static final String STALE = "stale";
    public static final String PRICE_Z = "price_z";
    public static final String VOLUME_Z = "volume_z";
    public static final String CROSS_VENUE = "cross_venue";
    public static final String SPIKE = "spike";
    /** A book state (microstructure record) whose mid jumped, or strayed from its own history or the other venues. */
    public static final String BOOK_SPIKE = "book_spike";
    public static final String BOOK_PRICE_Z = "book_price_z";
    public static final String BOOK_CROSS_VENUE = "book_cross_venue";
    /** Every kind of flag, in a fixed order (metrics register one counter per kind up front). */
    public static final java.util.List<String> KINDS = java.util.List.of(SCHEMA, STALE, PRICE_Z, VOLUME_Z, CROSS_VENUE, SPIKE,
            BOOK_SPIKE, BOOK_PRICE_Z, BOOK_CROSS_VENUE);

    /** The book-state kind of a price check ({@code spike} → {@code book_spike}, …). */
    public static String bookKind(String priceCheck) {
        return switch (priceCheck) {
            case SPIKE -> BOOK_SPIKE;
            case PRICE_Z -> BOOK_PRICE_Z;
            case CROSS_VENUE -> BOOK_CROSS_VENUE;
            default -> priceCheck;
        };
    }
}
