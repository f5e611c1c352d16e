package io.cryptorun.sources.venue.kraken;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.bench.BookUpdateStream;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Guards the hot path's allocation budget: a book update must cost little more than its output
 * (MarketEvent + BookDelta + EventHeader + the non-empty level arrays, about 200 bytes), not the
 * ~1000 bytes per frame the Jackson-based parser spent.
 */
class KrakenV2ParserAllocationTest {
    static MarketEvent last;

    @Test
    void bookUpdateAllocatesLittleMoreThanItsOutput() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        BookUpdateStream stream = new BookUpdateStream(25, 5_000, 3);
        KrakenV2Parser parser = new KrakenV2Parser();
        Consumer<MarketEvent> sink = e -> last = e;
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < stream.updates.size(); i++) parser.parse(stream.updates.get(i), 0, "c", i, sink);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < stream.updates.size(); i++) parser.parse(stream.updates.get(i), 0, "c", i, sink);
        long perUpdate = (threads.getCurrentThreadAllocatedBytes() - before) / stream.updates.size();
        assertThat(last.kind()).isEqualTo(EventKind.BOOK_DELTA);
        assertThat(perUpdate).as("bytes allocated per book update").isLessThanOrEqualTo(300);
    }
}
