package io.cryptorun.functions.math;

import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
/**
 * A running {@code double} sum with Neumaier (improved Kahan) compensation, for sliding windows
 * that add the newest value and subtract the one leaving.
 *
 * <p>Why not a plain running sum: over millions of add/subtract pairs the rounding error of a
 * plain sum is a random walk that never goes away, so a 20-bar mean after a year of 1-minute
 * updates can carry error from values that left the window long ago. Why not a periodic exact
 * recompute: it makes one update in {@code n} cost O(n), and the brief asks for O(1) per bar.
 * The compensated sum keeps the total's error at about one ulp of the larger magnitudes
 * involved plus a term quadratic in the unit roundoff, i.e. it does not grow with the stream
 * length in any practical sense, at four extra flops per update and no allocation.
 *
 * <p>Deterministic: the same sequence of operations gives the same bits on every JVM (Java
 * {@code double} arithmetic is IEEE 754 strict since Java 17).
 */
public final class CompensatedSum {
    private double sum;
    private double compensation;

    public void add(double x) {
        double t = sum + x;
        // the low-order bits lost by the addition, recovered exactly (Neumaier's branch on magnitude)
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    public void subtract(double x) {
        add(-x);
    }

    public double value() {
        return sum + compensation;
    }

    public void reset() {
        sum = 0;
        compensation = 0;
    }

    /** State for keyed-state serializers (operators hold indicators in Flink state without Kryo). */
    public void write(DataOutput out) throws IOException {
        out.writeDouble(sum);
        out.writeDouble(compensation);
    }

    public void read(DataInput in) throws IOException {
        sum = in.readDouble();
        compensation = in.readDouble();
    }
}
