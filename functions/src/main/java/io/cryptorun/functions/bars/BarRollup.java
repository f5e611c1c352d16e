package io.cryptorun.functions.bars;

import io.cryptorun.sources.model.Bar;

/**
 * Rolls decided hours up into UTC-aligned 4h and 1d bars: OHLC from the constituents in time
 * order, volume and trade count summed, VWAP from the summed exact notional over summed volume
 * (see {@link BarAggregator}). Hours must be added in increasing time order; an hour of a later
 * period closes the open bar of that interval first. Knows nothing of Flink.
 */
public final class BarRollup {
    public static final long MINUTE = Bar.intervalMicros(Bar.M1);
    public static final long HOUR = Bar.intervalMicros(Bar.H1);
    public static final long H4 = Bar.intervalMicros(Bar.H4);
    public static final long DAY = Bar.intervalMicros(Bar.D1);

    /** Receives each bar the rollup closes. */
    @FunctionalInterface
    public interface Sink {
        void closed(String interval, BarAggregator bar);
    }

    private BarAggregator h4;
    private BarAggregator d1;

    public BarRollup() {}

    BarRollup(BarAggregator h4, BarAggregator d1) {
        this.h4 = h4;
        this.d1 = d1;
    }

    /** Start of the UTC-aligned interval of length {@code lengthMicros} containing {@code micros}. */
    public static long floor(long micros, long lengthMicros) {
        return Math.floorDiv(micros, lengthMicros) * lengthMicros;
    }

    /** Folds one decided hour (trade-built or history) in; closes a 4h/1d bar it no longer belongs to. */
    public void addHour(BarAggregator hour, Sink out) {
        if (hour.isEmpty()) {
            return;
        }
        long t = hour.openTimeMicros();
        long h4Start = floor(t, H4);
        if (h4 != null && h4.openTimeMicros() != h4Start) {
            out.closed(Bar.H4, h4);
            h4 = null;
        }
        if (h4 == null) {
            h4 = new BarAggregator(h4Start);
        }
        h4.merge(hour);
        long dayStart = floor(t, DAY);
        if (d1 != null && d1.openTimeMicros() != dayStart) {
            out.closed(Bar.D1, d1);
            d1 = null;
        }
        if (d1 == null) {
            d1 = new BarAggregator(dayStart);
        }
        d1.merge(hour);
    }

    /** Closes the open 4h and 1d bars that end at or before {@code micros}. */
    public void closeUpTo(long micros, Sink out) {
        if (h4 != null && h4.openTimeMicros() + H4 <= micros) {
            out.closed(Bar.H4, h4);
            h4 = null;
        }
        if (d1 != null && d1.openTimeMicros() + DAY <= micros) {
            out.closed(Bar.D1, d1);
            d1 = null;
        }
    }

    /** End of the open 4h bar, or {@link Long#MIN_VALUE} if none. */
    public long h4EndMicros() {
        return h4 == null ? Long.MIN_VALUE : h4.openTimeMicros() + H4;
    }

    /** End of the open 1d bar, or {@link Long#MIN_VALUE} if none. */
    public long d1EndMicros() {
        return d1 == null ? Long.MIN_VALUE : d1.openTimeMicros() + DAY;
    }

    public boolean isEmpty() {
        return h4 == null && d1 == null;
    }

    BarAggregator h4() {
        return h4;
    }

    BarAggregator d1() {
        return d1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarRollup x && java.util.Objects.equals(h4, x.h4) && java.util.Objects.equals(d1, x.d1);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(h4, d1);
    }
}
