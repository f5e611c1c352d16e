package io.cryptorun.functions.indicators;

import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
/**
 * Simple returns {@code r_h = close_t / close_{t−h} − 1} over the SPEC §5 horizons, from a stream
 * of consecutive 1h closes. Keeps the last {@code 7d + 1 = 169} closes in a ring, so every
 * horizon is one division: O(1), allocation-free.
 *
 * <p><b>Undefined is NaN</b>, not {@code OptionalDouble}: a horizon with fewer than {@code h + 1}
 * closes behind it reads NaN. NaN keeps reads allocation-free, propagates through any arithmetic
 * built on it (a z-score of a NaN is NaN, never a plausible number) and is tested with
 * {@link #isDefined(int)} or {@link Double#isNaN}.
 *
 * <p>Horizons count <em>bars</em>: the caller feeds one close per consecutive hour (carrying the
 * previous close forward for an hour without trades), so that 24 bars back is 24 hours back.
 */
public final class Returns {
    public static final int H1 = 1;
    public static final int H4 = 4;
    public static final int H12 = 12;
    public static final int H24 = 24;
    public static final int D7 = 168;

    private final DoubleRing closes;

    /** Horizons up to 7 days of 1h bars. */
    public Returns() {
        this(D7);
    }

    public Returns(int maxHorizonBars) {
        if (maxHorizonBars < 1) {
            throw new IllegalArgumentException("maxHorizonBars must be ≥ 1: " + maxHorizonBars);
        }
        this.closes = new DoubleRing(maxHorizonBars + 1);
    }

    public void update(double close) {
        closes.push(Inputs.price("close", close));
    }

    /** {@code close_t / close_{t−bars} − 1}, or NaN with fewer than {@code bars + 1} closes seen. */
    public double value(int bars) {
        if (bars < 1 || bars >= closes.capacity()) {
            throw new IllegalArgumentException("horizon " + bars + " outside 1.." + (closes.capacity() - 1));
        }
        if (bars >= closes.size()) {
            return Double.NaN;
        }
        return closes.get(0) / closes.get(bars) - 1.0;
    }

    public boolean isDefined(int bars) {
        return bars >= 1 && bars < closes.size();
    }

    public double r1h() {
        return value(H1);
    }

    public double r4h() {
        return value(H4);
    }

    public double r12h() {
        return value(H12);
    }

    public double r24h() {
        return value(H24);
    }

    public double r7d() {
        return value(D7);
    }

    public void write(DataOutput out) throws IOException {
        closes.write(out);
    }

    public static Returns read(DataInput in) throws IOException {
        return new Returns(DoubleRing.read(in));
    }

    private Returns(DoubleRing closes) {
        this.closes = closes;
    }
}
