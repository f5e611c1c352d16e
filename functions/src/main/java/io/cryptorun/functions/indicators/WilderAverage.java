package io.cryptorun.functions.indicators;

import java.io.DataInput;
import java.io.IOException;

/**
 * Wilder's smoothing ("RMA"), the running average behind RSI, ATR and ADX: the first value is
 * the simple mean of the first {@code period} inputs; after that
 * {@code avg = (prev × (period − 1) + x) / period}, i.e. an EMA with alpha = 1/period.
 *
 * <p>NaN until {@code period} inputs have been seen. O(1), allocation-free.
 */
public final class WilderAverage extends SeededAverage {

    public WilderAverage(int period) {
        super(period);
    }

    @Override
    double step(double previous, double x) {
        return (previous * (period() - 1) + x) / period();
    }

    public static WilderAverage read(DataInput in) throws IOException {
        return readState(new WilderAverage(in.readInt()), in);
    }
}
