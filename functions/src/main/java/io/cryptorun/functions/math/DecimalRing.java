package io.cryptorun.functions.math;

import io.cryptorun.sources.decimal.Decimal;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A fixed-capacity ring of the most recent exact {@link Decimal}s (the closes a threshold is
 * decided on, beside the {@code double} rings the running indicators use). O(1) push; values
 * are immutable, so nothing is copied.
 */
public final class DecimalRing {
    private final Decimal[] values;
    private int next;
    private int size;

    public DecimalRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be ≥ 1: " + capacity);
        }
        this.values = new Decimal[capacity];
    }

    public void push(Decimal x) {
        values[next] = java.util.Objects.requireNonNull(x, "x");
        next = next + 1 == values.length ? 0 : next + 1;
        if (size < values.length) {
            size++;
        }
    }

    /** The value {@code lag} pushes ago (0 = newest), or null when the ring holds fewer. */
    public Decimal get(int lag) {
        if (lag < 0 || lag >= values.length) {
            throw new IndexOutOfBoundsException("lag " + lag + " of capacity " + values.length);
        }
        if (lag >= size) {
            return null;
        }
        int i = next - 1 - lag;
        return values[i < 0 ? i + values.length : i];
    }

    public int size() {
        return size;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(values.length);
        out.writeInt(size);
        for (int lag = size - 1; lag >= 0; lag--) { // oldest first, so read() can push them back
            Decimal d = get(lag);
            out.writeLong(d.unscaled());
            out.writeInt(d.scale());
        }
    }

    public static DecimalRing read(DataInput in) throws IOException {
        DecimalRing r = new DecimalRing(in.readInt());
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            r.push(Decimal.of(in.readLong(), in.readInt()));
        }
        return r;
    }
}
