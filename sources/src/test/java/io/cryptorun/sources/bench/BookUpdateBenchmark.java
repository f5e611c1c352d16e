package io.cryptorun.sources.bench;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.venue.kraken.KrakenBookIntegrity;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.venue.kraken.KrakenV2Parser;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-update hot path of the book operator, end to end on one core: parse a Kraken v2 book
 * update frame from its text, apply it to the depth-25 book, truncate, and verify the CRC32
 * checksum. Also the parts alone, to see where time goes. Run with {@code ./cryptorun bench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BookUpdateBenchmark {
    @Param({"25"})
    int depth;

    private BookUpdateStream stream;
    private final KrakenV2Parser parser = new KrakenV2Parser();
    private final KrakenBookIntegrity integrity = new KrakenBookIntegrity();
    private OrderBook book;
    private int next;
    private MarketEvent last;
    private final Consumer<MarketEvent> sink = e -> last = e;
    private MarketEvent[] parsed;

    @Setup(Level.Trial)
    public void setUp() {
        stream = new BookUpdateStream(depth, 100_000, 1);
        parsed = new MarketEvent[stream.updates.size()];
        for (int i = 0; i < parsed.length; i++) {
            parser.parse(stream.updates.get(i), 0, "bench", i, sink);
            parsed[i] = last;
        }
        resetBook();
    }

    private void resetBook() {
        book = new OrderBook("kraken", "BTC/USD");
        book.setPrecision(1, 8);
        book.setDepth(depth);
        parser.parse(stream.snapshot, 0, "bench", 0, sink);
        if (integrity.apply(book, last.snapshot()) != BookOutcome.APPLIED) {
            throw new IllegalStateException("benchmark snapshot does not verify");
        }
        next = 0;
    }

    /** parse + apply + truncate + checksum: the number the 1,000,000 updates/s target is about. */
    @Benchmark
    public BookOutcome parseApplyChecksum() {
        if (next == stream.updates.size()) resetBook();
        parser.parse(stream.updates.get(next), 0, "bench", next, sink);
        next++;
        if (last.kind() != EventKind.BOOK_DELTA) throw new IllegalStateException(last.toString());
        BookOutcome o = integrity.apply(book, last.delta());
        if (o != BookOutcome.APPLIED) throw new IllegalStateException("update " + next + ": " + o);
        return o;
    }

    @Benchmark
    public MarketEvent parseOnly() {
        if (next == stream.updates.size()) next = 0;
        parser.parse(stream.updates.get(next++), 0, "bench", next, sink);
        return last;
    }

    @Benchmark
    public BookOutcome applyChecksumOnly() {
        if (next == parsed.length) resetBook();
        BookOutcome o = integrity.apply(book, parsed[next++].delta());
        if (o != BookOutcome.APPLIED) throw new IllegalStateException("update " + next + ": " + o);
        return o;
    }
}
