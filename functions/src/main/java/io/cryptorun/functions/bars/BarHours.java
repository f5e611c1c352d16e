package io.cryptorun.functions.bars;

import java.util.List;
import java.util.TreeSet;

/**
 * The hour decision of {@link BarFunction} as pure rules (SPEC §5, "history bar wins for its
 * hour"): an hour is decided when event time reaches its end; the history bar, when one arrived,
 * is the hour (the trade-built one is then superseded), else the hour built from the 1m bars is;
 * a history bar for an hour already decided is late. Hours are keyed by their start (epoch µs).
 */
public final class BarHours {
    static final long HOUR = BarRollup.HOUR;

    private BarHours() {}

    /** The decided hour: the history bar if any (superseding a trade-built one), else the trade-built hour. */
    public record Decision(BarAggregator hour, boolean fromHistory, boolean superseded) {}

    /**
     * The pending hours (trade-built or history) that end at or before {@code now}, each once, in
     * time order.
     */
    public static List<Long> due(Iterable<Long> tradeHours, Iterable<Long> historyHours, long now) {
        TreeSet<Long> due = new TreeSet<>();
        for (Long h : tradeHours) {
            if (h + HOUR <= now) due.add(h);
        }
        for (Long h : historyHours) {
            if (h + HOUR <= now) due.add(h);
        }
        return List.copyOf(due);
    }

    /** Whether a history bar of {@code hour} comes after its hour was decided ({@code decided}: last decision time, null: none). */
    public static boolean isLate(long hour, Long decided) {
        return decided != null && hour + HOUR <= decided;
    }

    /** The hour that counts, of a due hour's history bar and trade-built hour (at least one non-null). */
    public static Decision decide(BarAggregator history, BarAggregator built) {
        if (history == null && built == null) throw new IllegalArgumentException("nothing to decide");
        if (history != null) return new Decision(history, true, built != null);
        return new Decision(built, false, false);
    }
}
