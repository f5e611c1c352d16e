package io.cryptorun.sources.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.venue.kraken.KrakenBookIntegrity;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.venue.kraken.KrakenV2Parser;
import io.cryptorun.sources.model.MarketEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's input must itself be valid, or it would measure the failure path. */
class BookUpdateStreamTest {
    @Test
    void everyGeneratedUpdateVerifies() {
        BookUpdateStream s = new BookUpdateStream(25, 5_000, 1);
        KrakenV2Parser parser = new KrakenV2Parser();
        KrakenBookIntegrity rules = new KrakenBookIntegrity();
        OrderBook book = new OrderBook("kraken", "BTC/USD");
        book.setPrecision(1, 8);
        book.setDepth(25);
        List<MarketEvent> out = new ArrayList<>();
        parser.parse(s.snapshot, 0, "c", 0, out::add);
        assertThat(rules.apply(book, out.get(0).snapshot())).isEqualTo(BookOutcome.APPLIED);
        for (int i = 0; i < s.updates.size(); i++) {
            out.clear();
            parser.parse(s.updates.get(i), 0, "c", i + 1, out::add);
            assertThat(rules.apply(book, out.get(0).delta())).as("update %d", i).isEqualTo(BookOutcome.APPLIED);
        }
        assertThat(book.bidCount()).isGreaterThan(10);
        assertThat(book.askCount()).isGreaterThan(10);
    }
}
