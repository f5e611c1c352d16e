package io.cryptorun.functions.indicators;

import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
/**
 * A fixed-capacity ring of the most recent {@code double} values: the window behind every
 * sliding indicator. Pushing is O(1) and allocation-free, and hands back the value that fell
 * out so the caller can take it off its running sums.
 */
public final class DoubleRing {
    private final double[] values;
    private int next;
    private int size;

    public DoubleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be ≥ 1: " + capacity);
        }
        this.values = new double[capacity];
    }

    /** Appends {@code x}; returns the value evicted to make room, or NaN while the ring was not full. */
    public double push(double x) {
        double evicted = size == values.length ? values[next] : Double.NaN;
        values[next] = x;
        next = next + 1 == values.length ? 0 : next + 1;
        if (size < values.length) {
            size++;
        }
        return evicted;
    }

    /** The value {@code lag} pushes ago: lag 0 is the newest. */
    public double get(int lag) {
        if (lag < 0 || lag >= size) {
            throw new IndexOutOfBoundsException("lag " + lag + " of " + size);
        }
        int i = next - 1 - lag;
        return values[i < 0 ? i + values.length : i];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return values.length;
    }

    public boolean isFull() {
        return size == values.length;
    }

    /** Writes capacity, cursor and the held values (state for keyed-state serializers). */
    public void write(DataOutput out) throws IOException {
        out.writeInt(values.length);
        out.writeInt(next);
        out.writeInt(size);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    public static DoubleRing read(DataInput in) throws IOException {
        DoubleRing r = new DoubleRing(in.readInt());
        r.next = in.readInt();
        r.size = in.readInt();
        for (int i = 0; i < r.values.length; i++) {
            r.values[i] = in.readDouble();
        }
        return r;
    }
}
