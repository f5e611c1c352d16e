package io.cryptorun.functions.scan;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The social readings of one symbol that a scan may still need, pure. A scan at tick T uses the
 * newest reading with {@code ts ≤ T} (point in time: never a later one, even if it has already
 * arrived) if it is younger than {@link #MAX_AGE_MICROS}; otherwise social is absent (adds 0).
 * Ticks are scanned in increasing order, so readings older than the one used can be dropped.
 */
public record SocialBook(SocialSignal[] readings) {
    /** A reading older than this at the tick is stale: social is absent (SPEC §7: 0). */
    public static final long MAX_AGE_MICROS = 3_600_000_000L;

    public static final SocialBook EMPTY = new SocialBook(new SocialSignal[0]);

    private static final Comparator<SocialSignal> ORDER = Comparator.comparingLong(SocialSignal::tsMicros)
            .thenComparingDouble(SocialSignal::value);

    /** With one more reading, kept sorted by time (equal times: by value, so arrival order never matters). */
    public SocialBook with(SocialSignal s) {
        SocialSignal[] out = Arrays.copyOf(readings, readings.length + 1);
        out[readings.length] = s;
        Arrays.sort(out, ORDER);
        return new SocialBook(out);
    }

    /** Index of the newest reading at or before {@code tick}, or −1. */
    private int at(long tick) {
        int found = -1;
        for (int i = 0; i < readings.length; i++) {
            if (readings[i].tsMicros() <= tick) {
                found = i; // sorted: the last one at or before the tick wins (ties: the larger value)
            }
        }
        return found;
    }

    /** The raw social value in force at {@code tick}, or NaN when absent or stale. */
    public double valueAt(long tick) {
        int i = at(tick);
        if (i < 0 || tick - readings[i].tsMicros() >= MAX_AGE_MICROS) {
            return Double.NaN;
        }
        return readings[i].value();
    }

    /** Drops what no tick at or after {@code tick} can use: readings older than the one in force at it. */
    public SocialBook prunedFor(long tick) {
        int i = at(tick);
        if (i <= 0) {
            return this;
        }
        return new SocialBook(Arrays.copyOfRange(readings, i, readings.length));
    }
}
