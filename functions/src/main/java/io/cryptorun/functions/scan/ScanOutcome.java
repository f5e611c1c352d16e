package io.cryptorun.functions.scan;

/**
 * What the scan tells the alert throttle about one tick (issue 16), on one stream and in the scan's
 * order: each gate-passing asset of the tick ({@code passed} set), then exactly one completion marker
 * ({@code passed == null}) once every record of the tick has been emitted. Because the marker follows
 * the tick's records on the same channel, a throttle that has seen it holds the tick's whole batch
 * and can decide it without waiting for the watermark to pass the deadline ({@code AlertFunction}).
 *
 * @param tickMicros         the scan tick
 * @param deadlineMillis     the records' event time: the tick's late-fill deadline ({@code T + 30 s}),
 *                           the key the throttle batches by (early scan or not)
 * @param passed             a gate-passing asset, or {@code null} for the tick's completion marker
 * @param scannedAtMillis    wall clock when the tick was scanned (marker only; latency metrics, never an output)
 * @param firstArrivalMicros earliest receive time of a frame past the tick on any connection, or
 *                           {@link Long#MIN_VALUE} (marker only; live it is a wall-clock stamp, so
 *                           "tick → alert" latency is measured from it)
 */
public record ScanOutcome(long tickMicros, long deadlineMillis, ScoredAsset passed, long scannedAtMillis,
        long firstArrivalMicros) {

    public static ScanOutcome passed(ScoredAsset a, long deadlineMillis) {
        return new ScanOutcome(a.tickMicros(), deadlineMillis, a, 0, Long.MIN_VALUE);
    }

    public static ScanOutcome complete(long tickMicros, long deadlineMillis, long scannedAtMillis, long firstArrivalMicros) {
        return new ScanOutcome(tickMicros, deadlineMillis, null, scannedAtMillis, firstArrivalMicros);
    }

    public boolean isMarker() {
        return passed == null;
    }
}
