package io.cryptorun.functions.indicators;

import java.io.DataInput;
import java.io.IOException;

/**
 * Exponential moving average with {@code alpha = 2 / (n + 1)}, seeded with the simple mean of the
 * first {@code n} values (so the seed does not over-weight the very first observation), then
 * {@code ema = ema + alpha × (x − ema)}. NaN until {@code n} values. O(1), allocation-free.
 */
public final class Ema extends SeededAverage {
    private final double alpha;

    public Ema(int period) {
        super(period);
        this.alpha = 2.0 / (period + 1);
    }

    @Override
    public void update(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("value must be finite: " + x);
        }
        super.update(x);
    }

    @Override
    double step(double previous, double x) {
        return previous + alpha * (x - previous);
    }

    public double alpha() {
        return alpha;
    }

    public static Ema read(DataInput in) throws IOException {
        return readState(new Ema(in.readInt()), in);
    }
}
