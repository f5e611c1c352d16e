package io.cryptorun.functions.bars;

import static io.cryptorun.functions.bars.BarFunction.*;

import io.cryptorun.functions.metrics.CountingMetric;
import io.cryptorun.functions.metrics.FailoverSafeCounters;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The counters of {@link BarFunction}, each a Flink metric (camelCase name) and an accumulator
 * ({@link BarFunction#ACCUMULATORS}), registered together in one place and carried through a
 * failover ({@link FailoverSafeCounters}).
 */
final class BarMetrics {
    final CountingMetric bars1m;
    final CountingMetric bars1h;
    final CountingMetric bars4h;
    final CountingMetric bars1d;
    final CountingMetric trades;
    final CountingMetric lateTrades;
    final CountingMetric tradesRejected;
    final CountingMetric historyBars;
    final CountingMetric historyLate;
    final CountingMetric historyDuplicate;
    final CountingMetric historyIgnored;
    final CountingMetric superseded;
    final CountingMetric volumeRounded;
    private final FailoverSafeCounters counters;

    private BarMetrics(RuntimeContext ctx, FailoverSafeCounters counters) {
        this.counters = counters;
        this.bars1m = counters.register(ctx, "bars1m", ACC_BARS_1M);
        this.bars1h = counters.register(ctx, "bars1h", ACC_BARS_1H);
        this.bars4h = counters.register(ctx, "bars4h", ACC_BARS_4H);
        this.bars1d = counters.register(ctx, "bars1d", ACC_BARS_1D);
        this.trades = counters.register(ctx, "barTrades", ACC_TRADES);
        this.lateTrades = counters.register(ctx, "lateTrades", ACC_LATE_TRADES);
        this.tradesRejected = counters.register(ctx, "tradesRejected", ACC_TRADES_REJECTED);
        this.historyBars = counters.register(ctx, "historyBars", ACC_HISTORY_BARS);
        this.historyLate = counters.register(ctx, "historyLate", ACC_HISTORY_LATE);
        this.historyDuplicate = counters.register(ctx, "historyDuplicate", ACC_HISTORY_DUPLICATE);
        this.historyIgnored = counters.register(ctx, "historyIgnored", ACC_HISTORY_IGNORED);
        this.superseded = counters.register(ctx, "bars1hSuperseded", ACC_BARS_1H_SUPERSEDED);
        this.volumeRounded = counters.register(ctx, "volumeRounded", ACC_VOLUME_ROUNDED);
    }

    /** The counts by accumulator name. */
    Map<String, Long> counts() {
        return counters.counts();
    }

    static BarMetrics register(RuntimeContext ctx, FailoverSafeCounters counters) {
        return new BarMetrics(ctx, counters);
    }
}
