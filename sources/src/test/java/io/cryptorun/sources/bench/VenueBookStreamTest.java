package io.cryptorun.sources.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.OrderBook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The venue benchmarks' input must be valid, or they would measure the failure path: every update
 * of every venue parses and applies, and the resulting book equals the generator's own book.
 */
class VenueBookStreamTest {
    @ParameterizedTest
    @EnumSource(VenueBookStream.Venue.class)
    void everyUpdateAppliesAndTheBookEqualsTheGeneratorsBook(VenueBookStream.Venue venue) {
        VenueBookStream s = new VenueBookStream(venue, 25, 5_000, 1);
        VenueBookHarness h = new VenueBookHarness(s, 25);
        h.reset();
        for (int i = 0; i < s.updates.size(); i++) {
            assertThat(h.step(i)).as("update %d", i).isEqualTo(BookOutcome.APPLIED);
        }
        OrderBook b = h.book;
        OrderBook t = s.truth;
        assertThat(b.bidCount()).isEqualTo(t.bidCount()).isGreaterThan(10);
        assertThat(b.askCount()).isEqualTo(t.askCount()).isGreaterThan(10);
        assertThat(b.priceScale()).isEqualTo(2);
        for (int i = 0; i < t.bidCount(); i++) {
            assertThat(new long[] {b.bidPrice(i), b.bidQty(i)}).as("bid %d", i).containsExactly(t.bidPrice(i), t.bidQty(i));
        }
        for (int i = 0; i < t.askCount(); i++) {
            assertThat(new long[] {b.askPrice(i), b.askQty(i)}).as("ask %d", i).containsExactly(t.askPrice(i), t.askQty(i));
        }
    }
}
