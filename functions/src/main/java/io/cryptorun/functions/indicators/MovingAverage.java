package io.cryptorun.functions.indicators;

import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import io.cryptorun.functions.math.CompensatedSum;

/**
 * Simple moving average over the last {@code period} values (MA20 on 4h bars by default). A ring
 * holds the window and a {@link CompensatedSum} adds the newest value and subtracts the evicted
 * one, so an update is O(1) and allocation-free, and the sum does not drift over a long stream
 * (see {@link CompensatedSum} for why compensation rather than a periodic recompute).
 *
 * <p>NaN until {@code period} values.
 */
public final class MovingAverage {
    private final DoubleRing window;
    private final CompensatedSum sum = new CompensatedSum();

    public MovingAverage() {
        this(20);
    }

    public MovingAverage(int period) {
        this.window = new DoubleRing(period);
    }

    public void update(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("value must be finite: " + x);
        }
        double evicted = window.push(x);
        if (!Double.isNaN(evicted)) {
            sum.subtract(evicted);
        }
        sum.add(x);
    }

    public boolean isReady() {
        return window.isFull();
    }

    public double value() {
        return window.isFull() ? sum.value() / window.capacity() : Double.NaN;
    }

    public int period() {
        return window.capacity();
    }

    public void write(DataOutput out) throws IOException {
        window.write(out);
        sum.write(out);
    }

    public static MovingAverage read(DataInput in) throws IOException {
        DoubleRing w = DoubleRing.read(in);
        MovingAverage m = new MovingAverage(w);
        m.sum.read(in);
        return m;
    }

    private MovingAverage(DoubleRing window) {
        this.window = window;
    }
}
