package io.cryptorun.functions.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A running average seeded with the simple mean of its first {@code period} inputs, then moved by
 * a subclass's {@link #step} per input: the warm-up, readiness and state layout shared by
 * {@link Ema} and {@link WilderAverage}. NaN until {@code period} inputs. O(1), allocation-free.
 *
 * <p>Each subclass keeps its own step formula as written (an EMA's {@code ema + α(x − ema)} and
 * Wilder's {@code (prev × (n − 1) + x) / n} are the same average but round differently in
 * {@code double}, and replays must stay byte-identical).
 */
abstract class SeededAverage {
    private final int period;
    private double seedSum;
    private int count;
    private double value = Double.NaN;

    SeededAverage(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be ≥ 1: " + period);
        }
        this.period = period;
    }

    /** The average after {@code x}, given the average before it (only called once seeded). */
    abstract double step(double previous, double x);

    public void update(double x) {
        if (count < period) {
            seedSum += x;
            count++;
            if (count == period) {
                value = seedSum / period;
            }
        } else {
            value = step(value, x);
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

    /** Writes period, seed sum, count and value (the layout both subclasses have always used). */
    public void write(DataOutput out) throws IOException {
        out.writeInt(period);
        out.writeDouble(seedSum);
        out.writeInt(count);
        out.writeDouble(value);
    }

    /** Reads what {@link #write} wrote after the period into an instance made with that period. */
    static <A extends SeededAverage> A readState(A fresh, DataInput in) throws IOException {
        SeededAverage a = fresh;
        a.seedSum = in.readDouble();
        a.count = in.readInt();
        a.value = in.readDouble();
        return fresh;
    }
}
