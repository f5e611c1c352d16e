package io.cryptorun.functions.validate;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** Per-record-type schema checks: the reason a record is malformed, or empty. */
public final class SchemaCheck {
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{1,12}/[A-Z]{2,6}");
    private static final Pattern VENUE = Pattern.compile("[a-z][a-z0-9_-]{1,31}");
    /** 2000-01-01 and 2100-01-01 in epoch µs: outside is a unit error (ms or ns for µs). */
    static final long MIN_TS = 946_684_800_000_000L;
    static final long MAX_TS = 4_102_444_800_000_000L;

    private SchemaCheck() {}

    public static Optional<String> trade(String venue, String symbol, long tsMicros, BigDecimal price, BigDecimal qty) {
        Optional<String> h = header(venue, symbol, tsMicros);
        if (h.isPresent()) return h;
        if (price == null || price.signum() <= 0) return Optional.of("price not positive: " + price);
        if (qty == null || qty.signum() <= 0) return Optional.of("qty not positive: " + qty);
        return Optional.empty();
    }

    /** A price with no size (a book's mid): header and price positive. */
    public static Optional<String> price(String venue, String symbol, long tsMicros, BigDecimal price) {
        Optional<String> h = header(venue, symbol, tsMicros);
        if (h.isPresent()) return h;
        if (price == null || price.signum() <= 0) return Optional.of("price not positive: " + price);
        return Optional.empty();
    }

    /** A book level: price positive, size non-negative (0 deletes the level). */
    public static Optional<String> bookLevel(String venue, String symbol, long tsMicros, BigDecimal price, BigDecimal size) {
        Optional<String> h = header(venue, symbol, tsMicros);
        if (h.isPresent()) return h;
        if (price == null || price.signum() <= 0) return Optional.of("level price not positive: " + price);
        if (size == null || size.signum() < 0) return Optional.of("level size negative: " + size);
        return Optional.empty();
    }

    /** A bar: low ≤ open, close ≤ high, volume ≥ 0. */
    public static Optional<String> bar(String venue, String symbol, long tsMicros, BigDecimal open, BigDecimal high,
            BigDecimal low, BigDecimal close, BigDecimal volume) {
        Optional<String> h = header(venue, symbol, tsMicros);
        if (h.isPresent()) return h;
        if (open == null || high == null || low == null || close == null || volume == null) return Optional.of("bar field missing");
        if (low.signum() <= 0) return Optional.of("bar low not positive: " + low);
        if (low.compareTo(open) > 0 || low.compareTo(close) > 0 || high.compareTo(open) < 0 || high.compareTo(close) < 0) {
            return Optional.of("bar outside its range: o=" + open + " h=" + high + " l=" + low + " c=" + close);
        }
        if (volume.signum() < 0) return Optional.of("bar volume negative: " + volume);
        return Optional.empty();
    }

    static Optional<String> header(String venue, String symbol, long tsMicros) {
        if (venue == null || !VENUE.matcher(venue).matches()) return Optional.of("bad venue: " + venue);
        if (symbol == null || !SYMBOL.matcher(symbol).matches()) return Optional.of("bad symbol: " + symbol);
        if (tsMicros < MIN_TS || tsMicros >= MAX_TS) return Optional.of("timestamp out of range (epoch µs): " + tsMicros);
        return Optional.empty();
    }
}
