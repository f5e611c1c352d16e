package io.cryptorun.sources.history;

import io.cryptorun.sources.time.Micros;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.Quarantine;

/**
 * One row of bar history: a valid {@link Bar} or, for a bad row, its {@link Quarantine} —
 * exactly one is non-null.
 *
 * <p>Why a two-way union rather than bars plus a metric: a bad history row must not fail the job
 * but must not vanish either; it goes to the same quarantine sink as bad frames. Carrying it in
 * the stream (instead of a side output) keeps the source a plain {@code Source<HistoryRecord>};
 * the job splits it with one {@code filter}/{@code ProcessFunction}. A record of two records is a
 * Flink POJO type, so no Kryo.
 */
public record HistoryRecord(Bar bar, Quarantine bad) {

    public HistoryRecord {
        if ((bar == null) == (bad == null)) {
            throw new IllegalArgumentException("exactly one of bar and bad must be set");
        }
    }

    public static HistoryRecord of(Bar bar) {
        return new HistoryRecord(bar, null);
    }

    public static HistoryRecord of(Quarantine bad) {
        return new HistoryRecord(null, bad);
    }

    public boolean isBar() {
        return bar != null;
    }

    /**
     * Flink timestamp (epoch ms): the last millisecond of the bar's interval. A bar is only known
     * once its interval has closed; stamping it with its open time would let an event-time
     * consumer use a whole hour of data at the hour's start (look-ahead). This also matches the
     * timestamp Flink gives window results ({@code window.maxTimestamp()}), so history bars and
     * bars built from trades line up. Quarantined rows carry their time in
     * {@link Quarantine#receiveTimeMicros()} on the same convention.
     */
    public long timestampMillis() {
        return bar != null ? Micros.toMillis(bar.closeTimeMicros()) - 1 : Micros.toMillis(bad.receiveTimeMicros());
    }
}
