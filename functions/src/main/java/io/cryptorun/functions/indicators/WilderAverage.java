package io.cryptorun.functions.indicators;

import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
/**
 * Wilder's smoothing ("RMA"), the running average behind RSI, ATR and ADX: the first value is
 * the simple mean of the first {@code period} inputs; after that
 * {@code avg = (prev × (period − 1) + x) / period}, i.e. an EMA with alpha = 1/period.
 *
 * <p>NaN until {@code period} inputs have been seen. O(1), allocation-free.
 */
public final class WilderAverage {
    private final int period;
    private double seedSum;
    private int count;
    private double value = Double.NaN;

    public WilderAverage(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be ≥ 1: " + period);
        }
        this.period = period;
    }

    public void update(double x) {
        if (count < period) {
            seedSum += x;
            count++;
            if (count == period) {
                value = seedSum / period;
            }
        } else {
            value = (value * (period - 1) + x) / period;
        }
    }

    public boolean isReady() {
        return count >= period;
    }

    /** The current average; NaN during warm-up. */
    public double value() {
        return value;
    }

    public int period() {
        return period;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(period);
        out.writeDouble(seedSum);
        out.writeInt(count);
        out.writeDouble(value);
    }

    public static WilderAverage read(DataInput in) throws IOException {
        WilderAverage w = new WilderAverage(in.readInt());
        w.seedSum = in.readDouble();
        w.count = in.readInt();
        w.value = in.readDouble();
        return w;
    }
}
