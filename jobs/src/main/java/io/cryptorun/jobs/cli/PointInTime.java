package io.cryptorun.jobs.cli;

import java.nio.file.Path;

/**
 * Point-in-time controls of a replay: where to resume from and where to stop.
 *
 * @param stopAtMicros  the cut (epoch µs of input receive time) to stop at with a savepoint, or
 *                      {@link #NO_STOP}
 * @param savepointDir  where the stop's savepoint goes (required with a cut)
 * @param fromSavepoint a stopped replay's savepoint to resume from, or {@code null}
 */
public record PointInTime(long stopAtMicros, Path savepointDir, Path fromSavepoint) {
    public static final long NO_STOP = Long.MIN_VALUE;
    public static final PointInTime NONE = new PointInTime(NO_STOP, null, null);

    public PointInTime {
        if (stopAtMicros != NO_STOP && savepointDir == null) {
            throw new IllegalArgumentException("a replay that stops at a cut needs a savepoint directory (--savepoint-dir)");
        }
    }

    public boolean stops() {
        return stopAtMicros != NO_STOP;
    }
}
