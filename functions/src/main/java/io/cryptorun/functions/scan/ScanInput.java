package io.cryptorun.functions.scan;

import io.cryptorun.functions.universe.AssetSnapshot;

/**
 * Keyed input of {@link ScanFunction}: an asset snapshot, a tick arrival or a social reading
 * (exactly one non-null; a POJO union).
 */
public record ScanInput(AssetSnapshot snapshot, TickArrival arrival, SocialSignal social) {
    public static ScanInput of(AssetSnapshot s) {
        return new ScanInput(s, null, null);
    }

    public static ScanInput of(TickArrival a) {
        return new ScanInput(null, a, null);
    }

    public static ScanInput of(SocialSignal s) {
        return new ScanInput(null, null, s);
    }

    public long tickMicros() {
        return snapshot != null ? snapshot.tickMicros() : arrival != null ? arrival.tickMicros() : social.tsMicros();
    }
}
