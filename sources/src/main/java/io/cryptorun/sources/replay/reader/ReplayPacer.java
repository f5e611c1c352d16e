package io.cryptorun.sources.replay.reader;

/**
 * Decides when a line may go out in a paced replay: at {@code N×} speed a line with time
 * {@code t} is due {@code (t − t0) / N} after the replay started. Anchoring on one origin
 * instead of sleeping Δt between consecutive lines keeps rounding errors from accumulating.
 *
 * <p>After a stall (backpressure, a long checkpoint, a GC pause) the replay would otherwise
 * burst to catch up; when it is more than {@link #maxLagNanos} behind it re-anchors instead, so
 * the recorded spacing between lines is kept rather than the absolute schedule.
 *
 * <p>Wall-clock time enters the job only here and only decides <em>when</em> records leave the
 * source, never what they contain. Pure logic: time is passed in, so tests need no sleeping.
 */
public final class ReplayPacer {
    public static final long NO_ORIGIN = Long.MIN_VALUE;
    public static final long DEFAULT_MAX_LAG_NANOS = 1_000_000_000L;

    private final double speed;
    private final long maxLagNanos;
    private long origin;
    private boolean anchored;
    private long anchorLineMicros;
    private long anchorNanos;

    /**
     * @param speed        replay speed, {@code > 0}
     * @param originMicros time of the earliest line over all readers, so parallel readers share
     *                     one schedule; {@link #NO_ORIGIN} to start at this reader's first line
     */
    public ReplayPacer(double speed, long originMicros, long maxLagNanos) {
        if (!(speed > 0) || Double.isInfinite(speed)) throw new IllegalArgumentException("speed must be > 0: " + speed);
        this.speed = speed;
        this.origin = originMicros;
        this.maxLagNanos = maxLagNanos;
    }

    /** Restored readers start mid-file: the shared origin lies in their past, so they start at once. */
    public void forgetOrigin() {
        if (!anchored) origin = NO_ORIGIN;
    }

    /** Nanoseconds until a line with the given time is due; {@code 0} means now. */
    public long nanosUntilDue(long lineMicros, long nowNanos) {
        if (!anchored) {
            anchored = true;
            anchorLineMicros = origin != NO_ORIGIN && origin <= lineMicros ? origin : lineMicros;
            anchorNanos = nowNanos;
        }
        if (lineMicros <= anchorLineMicros) return 0;
        double offsetNanos = (lineMicros - anchorLineMicros) * 1000.0 / speed;
        long wait = anchorNanos + (long) Math.min(offsetNanos, (double) Long.MAX_VALUE / 2) - nowNanos;
        if (wait < -maxLagNanos) {
            anchorLineMicros = lineMicros;
            anchorNanos = nowNanos;
            return 0;
        }
        return Math.max(0, wait);
    }
}
