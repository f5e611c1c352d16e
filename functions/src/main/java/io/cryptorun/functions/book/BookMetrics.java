package io.cryptorun.functions.book;

import static io.cryptorun.functions.book.OrderBookFunction.*;

import io.cryptorun.functions.metrics.CountingMetric;
import io.cryptorun.functions.metrics.FailoverSafeCounters;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The counters of {@link OrderBookFunction}, each a Flink metric (camelCase name) and an
 * accumulator (the {@code summary.json} count, {@link OrderBookFunction#ACCUMULATORS}), registered
 * together in one place, carried through a failover ({@link FailoverSafeCounters}).
 */
final class BookMetrics {
    final CountingMetric bookSnapshots;
    final CountingMetric bookUpdates;
    final CountingMetric checksumOk;
    final CountingMetric checksumMismatch;
    final CountingMetric booksInvalidated;
    final CountingMetric microstructureEmitted;
    final CountingMetric microstructureSkipped;
    final CountingMetric quarantined;
    final CountingMetric sequenceGaps;
    final CountingMetric outOfOrder;
    final CountingMetric crossed;
    final CountingMetric precisionExceeded;
    final CountingMetric staleDropped;
    final CountingMetric booksRecovered;
    final CountingMetric microstructureStale;

    private final FailoverSafeCounters counters;

    private BookMetrics(RuntimeContext ctx, FailoverSafeCounters counters) {
        this.counters = counters;
        this.bookSnapshots = counters.register(ctx, "bookSnapshots", ACC_BOOK_SNAPSHOTS);
        this.bookUpdates = counters.register(ctx, "bookUpdates", ACC_BOOK_UPDATES);
        this.checksumOk = counters.register(ctx, "checksumOk", ACC_CHECKSUM_OK);
        this.checksumMismatch = counters.register(ctx, "checksumMismatch", ACC_CHECKSUM_MISMATCH);
        this.booksInvalidated = counters.register(ctx, "booksInvalidated", ACC_BOOKS_INVALIDATED);
        this.microstructureEmitted = counters.register(ctx, "microstructureEmitted", ACC_MICROSTRUCTURE);
        this.microstructureSkipped = counters.register(ctx, "microstructureSkipped", ACC_MICROSTRUCTURE_SKIPPED);
        this.quarantined = counters.register(ctx, "bookQuarantined", ACC_BOOK_QUARANTINED);
        this.sequenceGaps = counters.register(ctx, "sequenceGaps", ACC_SEQUENCE_GAP);
        this.outOfOrder = counters.register(ctx, "bookOutOfOrder", ACC_OUT_OF_ORDER);
        this.crossed = counters.register(ctx, "crossedBooks", ACC_CROSSED_BOOK);
        this.precisionExceeded = counters.register(ctx, "precisionExceeded", ACC_PRECISION_EXCEEDED);
        this.staleDropped = counters.register(ctx, "staleDropped", ACC_STALE_DROPPED);
        this.booksRecovered = counters.register(ctx, "booksRecovered", ACC_BOOKS_RECOVERED);
        this.microstructureStale = counters.register(ctx, "microstructureStale", ACC_MICROSTRUCTURE_STALE);
    }

    /** The counts by accumulator name. */
    Map<String, Long> counts() {
        return counters.counts();
    }

    static BookMetrics register(RuntimeContext ctx, FailoverSafeCounters counters) {
        return new BookMetrics(ctx, counters);
    }
}
