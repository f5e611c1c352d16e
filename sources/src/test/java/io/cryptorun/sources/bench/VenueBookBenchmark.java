package io.cryptorun.sources.bench;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.model.MarketEvent;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
 * The book hot path of the three other venues (issue 16), one thread, depth 25: parse one update
 * frame with the venue's parser and apply it under the venue's integrity rule (Coinbase: sequence
 * and trade-id baselines; Bitstamp: microtimestamp order after the REST snapshot; Gemini:
 * crossed-book check — none of them sends a checksum). Also parsing alone. Kraken's is
 * {@link BookUpdateBenchmark}. Run with {@code ./cryptorun bench VenueBookBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VenueBookBenchmark {
    @Param({"coinbase", "bitstamp", "gemini"})
    String venue;

    @Param({"25"})
    int depth;

    private VenueBookHarness h;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        h = new VenueBookHarness(new VenueBookStream(VenueBookStream.Venue.valueOf(venue.toUpperCase(Locale.ROOT)), depth,
                100_000, 1), depth);
        h.reset();
        next = 0;
    }

    @Benchmark
    public BookOutcome parseApplyIntegrity() {
        if (next == h.stream.updates.size()) {
            h.reset();
            next = 0;
        }
        return h.step(next++);
    }

    @Benchmark
    public MarketEvent parseOnly() {
        if (next == h.stream.updates.size()) {
            h.reset(); // Gemini's parser treats a subscription's first l2_updates as the book: start it again
            next = 0;
        }
        return h.parseOnly(next++);
    }
}
