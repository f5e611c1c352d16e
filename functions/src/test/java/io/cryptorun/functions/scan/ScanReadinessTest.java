package io.cryptorun.functions.scan;

import static io.cryptorun.functions.AnalyticsSamples.MIN;
import static io.cryptorun.functions.AnalyticsSamples.SEC;
import static io.cryptorun.functions.AnalyticsSamples.T0;
import static io.cryptorun.functions.AnalyticsSamples.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.universe.AssetSnapshot;
import org.junit.jupiter.api.Test;

class ScanReadinessTest {
    static final long TICK = T0 + 7 * MIN;
    static final long LATE_FILL = 30 * SEC;
    static final long AT_TICK = TICK / 1000;
    static final long DEADLINE = (TICK + LATE_FILL) / 1000;

    static ScanBucket bucket(String... arrivalConns) {
        ScanBucket b = ScanBucket.EMPTY
                .with(ScanInput.of(snapshot("SOL/USD", TICK, 0, "c0")))
                .with(ScanInput.of(snapshot("ADA/USD", TICK, 1, "c1")));
        AssetSnapshot ok = snapshot("BTC/USD", TICK, 2, "c2");
        b = b.with(ScanInput.of(new AssetSnapshot("PEPE/USD", TICK, "stablecoin", 0, 0, 0, 0, 0, 50, 50, 20, 1, 1, 1, 0, 1, 24,
                50_000, 40_000, TICK - MIN, 1, ok.best(), 1, 0.5, null, null, null, null)));
        for (String c : arrivalConns) {
            b = b.with(ScanInput.of(new TickArrival(c, TICK, TICK + SEC)));
        }
        return b;
    }

    @Test
    void firesOnceTheWatermarkReachesTheTickAndEveryEligibleMarketHasItsArrival() {
        ScanBucket all = bucket("c0", "c1"); // c2 only carries an ineligible asset: not waited for
        assertThat(ScanReadiness.canFireEarly(TICK, LATE_FILL, AT_TICK - 1, all)).isFalse(); // snapshots may still come
        assertThat(ScanReadiness.canFireEarly(TICK, LATE_FILL, AT_TICK, all)).isTrue();
        assertThat(ScanReadiness.canFireEarly(TICK, LATE_FILL, DEADLINE - 1, all)).isTrue();
        assertThat(ScanReadiness.canFireEarly(TICK, LATE_FILL, DEADLINE, all)).isFalse(); // the deadline scans it
    }

    @Test
    void oneEligibleMarketWithoutArrivalHoldsIt() {
        assertThat(ScanReadiness.canFireEarly(TICK, LATE_FILL, AT_TICK, bucket("c0"))).isFalse();
        assertThat(ScanReadiness.canFireEarly(TICK, LATE_FILL, AT_TICK, bucket("c0", "c2"))).isFalse();
        assertThat(ScanReadiness.canFireEarly(TICK, LATE_FILL, AT_TICK, bucket())).isFalse();
    }

    @Test
    void nothingParkedOrNoSnapshotNeverFiresEarly() {
        assertThat(ScanReadiness.canFireEarly(TICK, LATE_FILL, AT_TICK, null)).isFalse();
        ScanBucket onlyArrivals = ScanBucket.EMPTY.with(ScanInput.of(new TickArrival("c0", TICK, TICK + SEC)));
        assertThat(ScanReadiness.canFireEarly(TICK, LATE_FILL, AT_TICK, onlyArrivals)).isFalse();
    }

    @Test
    void deadlineIsExactlyTickPlusWindow() {
        assertThat(ScanReadiness.deadlinePassed(TICK, LATE_FILL, DEADLINE - 1)).isFalse();
        assertThat(ScanReadiness.deadlinePassed(TICK, LATE_FILL, DEADLINE)).isTrue();
    }
}
