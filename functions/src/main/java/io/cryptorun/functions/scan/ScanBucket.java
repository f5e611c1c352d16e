package io.cryptorun.functions.scan;

import io.cryptorun.functions.universe.AssetSnapshot;
import java.util.Arrays;

/** What {@link ScanFunction} collected for one tick: snapshots and, per connection, the earliest tick arrival. */
public record ScanBucket(AssetSnapshot[] assets, TickArrival[] arrivals) {
    public static final ScanBucket EMPTY = new ScanBucket(new AssetSnapshot[0], new TickArrival[0]);

    public ScanBucket with(ScanInput in) {
        if (in.snapshot() != null) {
            AssetSnapshot[] out = Arrays.copyOf(assets, assets.length + 1);
            out[assets.length] = in.snapshot();
            return new ScanBucket(out, arrivals);
        }
        TickArrival a = in.arrival();
        for (int i = 0; i < arrivals.length; i++) {
            if (arrivals[i].conn().equals(a.conn())) {
                if (a.receiveMicros() >= arrivals[i].receiveMicros()) {
                    return this; // a repeat (e.g. after a restore) never makes the tick later
                }
                TickArrival[] out = arrivals.clone();
                out[i] = a;
                return new ScanBucket(assets, out);
            }
        }
        TickArrival[] out = Arrays.copyOf(arrivals, arrivals.length + 1);
        out[arrivals.length] = a;
        return new ScanBucket(assets, out);
    }

    /** Receive time of the first frame past the tick on {@code conn}, or {@code missing}. */
    public long arrivalOn(String conn, long missing) {
        for (TickArrival a : arrivals) {
            if (a.conn().equals(conn)) {
                return a.receiveMicros();
            }
        }
        return missing;
    }
}
