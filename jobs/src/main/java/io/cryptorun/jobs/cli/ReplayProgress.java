package io.cryptorun.jobs.cli;

import io.cryptorun.functions.book.OrderBookFunction;
import io.cryptorun.functions.route.EventRouter;
import java.io.PrintStream;
import java.util.Map;

/**
 * Where a running replay reports how far it is, from the job's accumulators (sampled about once a
 * second): on a terminal one line redrawn in place, otherwise a plain line every
 * {@link #PLAIN_EVERY_NANOS} so that a log file gets a few lines, not thousands.
 */
public interface ReplayProgress {
    ReplayProgress NONE = new ReplayProgress() {
        @Override
        public void update(Snapshot s) {}
    };

    long PLAIN_EVERY_NANOS = 10_000_000_000L;

    /**
     * How far a replay is.
     *
     * @param totalFrames         the input's frames (from its manifest), or -1 when unknown
     * @param receiveTimeMicros   the latest receive time read so far, or {@link Long#MIN_VALUE} before the first frame
     * @param elapsedNanos        wall time since the command started
     */
    record Snapshot(long frames, long totalFrames, long quarantined, long receiveTimeMicros, long elapsedNanos) {
        static Snapshot of(Map<String, Object> accumulators, long totalFrames, long elapsedNanos) {
            return new Snapshot(num(accumulators, "frames", 0), totalFrames,
                    num(accumulators, EventRouter.ACC_SOURCE_QUARANTINED, 0) + num(accumulators, OrderBookFunction.ACC_BOOK_QUARANTINED, 0),
                    num(accumulators, EventRouter.ACC_RECEIVE_TIME_MAX, Long.MIN_VALUE), elapsedNanos);
        }

        private static long num(Map<String, Object> acc, String key, long dflt) {
            return acc.get(key) instanceof Number n ? n.longValue() : dflt;
        }

        /**
         * e.g. {@code 412,300 frames (47%) · at 2024-05-01T03:12:09Z · 23,500 frames/s · 12 quarantined · 17 s}; the rate
         * is that since {@code before} (the job's start-up would drag an average from the command's start down).
         */
        String line(Snapshot before) {
            double seconds = elapsedNanos / 1e9;
            double window = before == null ? 0 : (elapsedNanos - before.elapsedNanos) / 1e9;
            double rate = window > 0 ? (frames - before.frames) / window : 0;
            if (frames == 0) return String.format("starting the job… · %.0f s", seconds);
            StringBuilder b = new StringBuilder(String.format("%,d frames", frames));
            if (totalFrames > 0) b.append(String.format(" (%d%%)", Math.min(100, frames * 100 / totalFrames)));
            if (receiveTimeMicros != Long.MIN_VALUE) {
                b.append(" · at ").append(java.time.Instant.ofEpochSecond(Math.floorDiv(receiveTimeMicros, 1_000_000L)));
            }
            b.append(String.format(" · %,.0f frames/s · %,d quarantined · %.0f s", rate, quarantined, seconds));
            return b.toString();
        }
    }

    void update(Snapshot s);

    /** The replay's job ended (either way): a terminal line is finished off. */
    default void done() {}

    /** Progress on {@code err}: redrawn in place on a terminal, a plain line every 10 s otherwise. */
    static ReplayProgress console(PrintStream err, boolean terminal) {
        return new ReplayProgress() {
            private Snapshot lastShown;
            private int width;
            private boolean drawn;

            @Override
            public synchronized void update(Snapshot s) {
                if (terminal) {
                    String line = "replay: " + s.line(lastShown);
                    err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
                    width = line.length();
                    drawn = true;
                    err.flush();
                    lastShown = s;
                } else if (lastShown == null || s.elapsedNanos() - lastShown.elapsedNanos() >= PLAIN_EVERY_NANOS) {
                    err.println("replay: " + s.line(lastShown));
                    lastShown = s;
                }
            }

            @Override
            public synchronized void done() {
                if (terminal && drawn) {
                    err.println();
                    drawn = false;
                }
            }
        };
    }
}
