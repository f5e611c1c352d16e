package io.cryptorun.functions.indicators;

import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
/**
 * Exponential moving average with {@code alpha = 2 / (n + 1)}, seeded with the simple mean of the
 * first {@code n} values (so the seed does not over-weight the very first observation), then
 * {@code ema = ema + alpha × (x − ema)}. NaN until {@code n} values. O(1), allocation-free.
 */
public final class Ema {
    private final int period;
    private final double alpha;
    private double seedSum;
    private int count;
    private double value = Double.NaN;

    public Ema(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be ≥ 1: " + period);
        }
        this.period = period;
        this.alpha = 2.0 / (period + 1);
    }

    public void update(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("value must be finite: " + x);
        }
        if (count < period) {
            seedSum += x;
            count++;
            if (count == period) {
                value = seedSum / period;
            }
        } else {
            value += alpha * (x - value);
        }
    }

    public boolean isReady() {
        return count >= period;
    }

    public double value() {
        return value;
    }

    public double alpha() {
        return alpha;
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

    public static Ema read(DataInput in) throws IOException {
        Ema e = new Ema(in.readInt());
        e.seedSum = in.readDouble();
        e.count = in.readInt();
        e.value = in.readDouble();
        return e;
    }
}
