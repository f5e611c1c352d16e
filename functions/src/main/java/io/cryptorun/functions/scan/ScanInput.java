package io.cryptorun.functions.scan;

import io.cryptorun.functions.universe.AssetSnapshot;

/** Keyed input of {@link ScanFunction}: an asset snapshot or a tick arrival (exactly one non-null; a POJO union). */
public record ScanInput(AssetSnapshot snapshot, TickArrival arrival) {
    public static ScanInput of(AssetSnapshot s) {
        return new ScanInput(s, null);
    }

    public static ScanInput of(TickArrival a) {
        return new ScanInput(null, a);
    }

    public long tickMicros() {
        return snapshot != null ? snapshot.tickMicros() : arrival.tickMicros();
    }
}
