package io.cryptorun.sources.venue.gemini;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.BookState;
import io.cryptorun.sources.book.OrderBook;
import static io.cryptorun.sources.venue.VenueFrames.gemini;
import static io.cryptorun.sources.venue.VenueFrames.top;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeminiBookIntegrityTest {
    OrderBook book;
    final GeminiBookIntegrity rules = new GeminiBookIntegrity();

    static BookSnapshot initial() {
        return gemini("{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[[\"buy\",\"9122.04\",\"0.00121425\"],"
                + "[\"buy\",\"9121.00\",\"1\"],[\"sell\",\"9122.07\",\"0.98942292\"]],\"trades\":[]}").get(0).snapshot();
    }

    static BookDelta update(String side, String price, String qty) {
        return gemini("{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[[\"" + side + "\",\"" + price + "\",\""
                + qty + "\"]]}").get(0).delta();
    }

    @BeforeEach
    void setUp() {
        book = new OrderBook("gemini", "BTC/USD");
        book.setDepth(1000);
    }

    @Test
    void updateBeforeTheInitialBookIsRefused() {
        assertThat(rules.apply(book, update("sell", "9160.20", "0.1921229751"))).isEqualTo(BookOutcome.BEFORE_SNAPSHOT);
        assertThat(book.askCount()).isZero();
        assertThat(rules.apply(book, initial())).isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.apply(book, update("sell", "9160.20", "0.1921229751"))).isEqualTo(BookOutcome.APPLIED);
        assertThat(book.askCount()).isEqualTo(2);
    }

    @Test
    void initialBookThenUpdatesAndRemovals() {
        assertThat(rules.apply(book, initial())).isEqualTo(BookOutcome.APPLIED);
        assertThat(top(book)).isEqualTo("9122.04/9122.07");
        assertThat(rules.apply(book, update("buy", "9122.04", "0"))).isEqualTo(BookOutcome.APPLIED);
        assertThat(top(book)).isEqualTo("9121.00/9122.07");
    }

    @Test
    void updateWithMoreDecimalsRaisesTheBookScalesExactly() {
        rules.apply(book, initial());
        assertThat(book.qtyScale()).isEqualTo(8);
        assertThat(rules.apply(book, update("sell", "9160.20", "0.1921229751"))).isEqualTo(BookOutcome.APPLIED);
        assertThat(book.qtyScale()).isEqualTo(10);
        assertThat(book.bidQty(0)).isEqualTo(12_142_500L); // 0.00121425 at scale 10
        assertThat(book.askQty(1)).isEqualTo(1_921_229_751L);
        assertThat(book.isValid()).isTrue();
    }

    @Test
    void updateThatCannotBeRepresentedIsPrecisionExceededUntilTheNextBook() {
        rules.apply(book, initial());
        // a price with 16 decimals would put the book's 9122.04 at 9.1e19: beyond a long
        assertThat(rules.apply(book, update("buy", "0.0000000000000001", "1"))).isEqualTo(BookOutcome.PRECISION_EXCEEDED);
        assertThat(book.priceScale()).isEqualTo(2); // unchanged
        assertThat(book.state()).isEqualTo(BookState.INVALID);
        assertThat(rules.apply(book, update("sell", "9160.20", "1"))).isEqualTo(BookOutcome.BOOK_INVALID);
        assertThat(rules.apply(book, initial())).isEqualTo(BookOutcome.APPLIED);
    }

    @Test
    void crossedUpdateInvalidates() {
        rules.apply(book, initial());
        assertThat(rules.apply(book, update("sell", "9000", "1"))).isEqualTo(BookOutcome.CROSSED);
        assertThat(book.isValid()).isFalse();
    }
}
