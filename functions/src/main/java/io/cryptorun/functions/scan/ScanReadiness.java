package io.cryptorun.functions.scan;

import io.cryptorun.functions.universe.AssetSnapshot;
import io.cryptorun.sources.time.Micros;

/**
 * When the scan of a tick may fire (SPEC §8, issue 16), pure: as soon as every eligible market has
 * shown an input past the tick, or when its late-fill window closes, whichever is first.
 *
 * <p>Early firing never changes a result, because at that moment everything the scan reads is final:
 * <ul>
 *   <li>the watermark has reached the tick, so every snapshot of the tick (emitted by the
 *       indicators at the tick), the regime snapshots up to it and the social readings up to it are in;
 *   <li>each eligible snapshot's best connection has its tick arrival, and a connection stamps a
 *       tick once ({@link TickArrivalFunction}, in its own frame order), so that receive time — and
 *       the late-fill verdict made from it — is the one the deadline scan would see;
 *   <li>ineligible snapshots and connections of no eligible market do not enter the scan.
 * </ul>
 * A tick whose window has closed is the deadline's business ({@link #deadlinePassed}), not an early fire.
 */
public final class ScanReadiness {
    private ScanReadiness() {}

    /** Whether the late-fill window of {@code tickMicros} is closed at watermark {@code watermarkMillis}. */
    public static boolean deadlinePassed(long tickMicros, long maxLateFillMicros, long watermarkMillis) {
        return Micros.toMillis(tickMicros + maxLateFillMicros) <= watermarkMillis;
    }

    /**
     * Whether the bucket of {@code tickMicros} can be scanned before its deadline: the watermark has
     * reached the tick (all its snapshots are in), the window is still open, the bucket has at least
     * one snapshot, and every eligible snapshot's best connection has its arrival.
     */
    public static boolean canFireEarly(long tickMicros, long maxLateFillMicros, long watermarkMillis, ScanBucket bucket) {
        if (bucket == null || bucket.assets().length == 0 || watermarkMillis < Micros.toMillis(tickMicros)
                || deadlinePassed(tickMicros, maxLateFillMicros, watermarkMillis)) {
            return false;
        }
        for (AssetSnapshot s : bucket.assets()) {
            if (s.eligible() && (s.best() == null || bucket.arrivalOn(s.best().conn(), Long.MIN_VALUE) == Long.MIN_VALUE)) {
                return false;
            }
        }
        return true;
    }
}
