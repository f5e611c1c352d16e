package io.cryptorun.sources.venue.bitstamp;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.BookState;
import io.cryptorun.sources.book.OrderBook;
import static io.cryptorun.sources.venue.VenueFrames.bitstamp;
import static io.cryptorun.sources.venue.VenueFrames.bitstampRest;
import static io.cryptorun.sources.venue.VenueFrames.top;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class BitstampBookIntegrityTest {
    public static final long T0 = 1_643_643_489_000_000L;
    OrderBook book;
    BitstampBookIntegrity rules;

    public static BookSnapshot rest(long micros) {
        return bitstampRest("{\"timestamp\":\"1643643489\",\"microtimestamp\":\"" + micros + "\","
                + "\"bids\":[[\"37500.00\",\"0.50000000\"],[\"37499.00\",\"1.00000000\"]],\"asks\":[[\"37520.00\",\"0.25000000\"]]}")
                .snapshot();
    }

    public static BookDelta diff(long micros, String bids, String asks) {
        return bitstamp("{\"event\":\"data\",\"channel\":\"diff_order_book_btcusd\",\"data\":{\"timestamp\":\"1643643489\","
                + "\"microtimestamp\":\"" + micros + "\",\"bids\":" + bids + ",\"asks\":" + asks + "}}").delta();
    }

    @BeforeEach
    void setUp() {
        book = new OrderBook("bitstamp", "BTC/USD");
        book.setDepth(1000);
        rules = new BitstampBookIntegrity();
    }

    @Test
    void diffsBeforeTheSnapshotAreBufferedThenReplayedInMicrotimestampOrderOldOnesDropped() {
        // arrive out of order while waiting for the REST snapshot
        assertThat(rules.apply(book, diff(T0 + 300, "[[\"37510.00\",\"0.70000000\"]]", "[]"))).isEqualTo(BookOutcome.BUFFERED);
        assertThat(rules.apply(book, diff(T0 + 100, "[[\"37505.00\",\"9.00000000\"]]", "[]"))).isEqualTo(BookOutcome.BUFFERED);
        assertThat(rules.apply(book, diff(T0 + 200, "[[\"37510.00\",\"0.10000000\"]]", "[]"))).isEqualTo(BookOutcome.BUFFERED);
        assertThat(rules.buffered()).isEqualTo(3);

        // snapshot at T0+100: the diff at T0+100 is already in it (equal ⇒ dropped), then 200, then 300
        assertThat(rules.applySnapshot(book, rest(T0 + 100))).isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.staleDropped()).isEqualTo(1);
        assertThat(rules.buffered()).isZero();
        assertThat(book.isValid()).isTrue();
        assertThat(top(book)).isEqualTo("37510.00/37520.00");
        assertThat(book.bidQty(0)).isEqualTo(70_000_000L); // 300 applied after 200
        assertThat(book.bidPrice(1)).isEqualTo(3_750_000L); // 37505 (the old diff) was not applied
    }

    @Test
    void liveDiffOlderThanOrEqualToTheSnapshotIsDroppedAndCounted() {
        rules.applySnapshot(book, rest(T0 + 500));
        assertThat(rules.apply(book, diff(T0 + 400, "[[\"37500.00\",\"0\"]]", "[]"))).isEqualTo(BookOutcome.STALE);
        assertThat(rules.apply(book, diff(T0 + 500, "[[\"37500.00\",\"0\"]]", "[]"))).isEqualTo(BookOutcome.STALE);
        assertThat(rules.staleDropped()).isEqualTo(2);
        assertThat(book.isValid()).isTrue();
        assertThat(top(book)).isEqualTo("37500.00/37520.00"); // untouched
        assertThat(rules.apply(book, diff(T0 + 501, "[[\"37500.00\",\"0\"]]", "[]"))).isEqualTo(BookOutcome.APPLIED);
        assertThat(top(book)).isEqualTo("37499.00/37520.00");
    }

    @Test
    void diffOutOfOrderAfterTheSnapshotInvalidatesAndResyncBuffersAgain() {
        rules.applySnapshot(book, rest(T0));
        assertThat(rules.apply(book, diff(T0 + 20, "[]", "[[\"37519.00\",\"1\"]]"))).isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.apply(book, diff(T0 + 10, "[]", "[[\"37518.00\",\"1\"]]"))).isEqualTo(BookOutcome.OUT_OF_ORDER);
        assertThat(book.state()).isEqualTo(BookState.INVALID);
        // while invalid, diffs wait for the next REST snapshot
        assertThat(rules.apply(book, diff(T0 + 30, "[]", "[[\"37521.00\",\"1\"]]"))).isEqualTo(BookOutcome.BUFFERED);
        assertThat(rules.applySnapshot(book, rest(T0 + 25))).isEqualTo(BookOutcome.APPLIED);
        assertThat(book.askCount()).isEqualTo(2); // 37520 from the snapshot + 37521 replayed
        assertThat(book.isValid()).isTrue();
    }

    @Test
    void bufferOverflowDropsTheOldestAndASnapshotOlderThanADroppedDiffIsNotTrusted() {
        BitstampBookIntegrity small = new BitstampBookIntegrity(2);
        small.apply(book, diff(T0 + 1, "[]", "[]"));
        small.apply(book, diff(T0 + 2, "[]", "[]"));
        small.apply(book, diff(T0 + 3, "[]", "[]"));
        assertThat(small.overflowDropped()).isEqualTo(1);
        assertThat(small.buffered()).isEqualTo(2);
        // the dropped diff (T0+1) is newer than this snapshot: the book would miss it
        assertThat(small.applySnapshot(book, rest(T0))).isEqualTo(BookOutcome.SEQUENCE_GAP);
        assertThat(book.isValid()).isFalse();
        // a snapshot that already contains every dropped diff is fine
        small.apply(book, diff(T0 + 4, "[]", "[]"));
        small.apply(book, diff(T0 + 5, "[]", "[]"));
        small.apply(book, diff(T0 + 6, "[]", "[]"));
        assertThat(small.applySnapshot(book, rest(T0 + 4))).isEqualTo(BookOutcome.APPLIED);
    }

    @Test
    void crossedReplayInvalidates() {
        rules.apply(book, diff(T0 + 10, "[[\"37600.00\",\"1\"]]", "[]"));
        assertThat(rules.applySnapshot(book, rest(T0))).isEqualTo(BookOutcome.CROSSED);
        assertThat(book.state()).isEqualTo(BookState.INVALID);
    }

    @Test
    void snapshotOlderThanTheDiffsAValidBookAppliedIsDropped() {
        rules.applySnapshot(book, rest(T0 + 500));
        assertThat(rules.apply(book, diff(T0 + 900, "[[\"37510.00\",\"2.00000000\"]]", "[]"))).isEqualTo(BookOutcome.APPLIED);
        // fetched at T0+800, arrives after the diff at T0+900: replacing the book would lose that diff
        assertThat(rules.applySnapshot(book, rest(T0 + 800))).isEqualTo(BookOutcome.STALE);
        assertThat(top(book)).isEqualTo("37510.00/37520.00");
        assertThat(book.isValid()).isTrue();
        // a snapshot newer than everything applied replaces the book
        assertThat(rules.applySnapshot(book, rest(T0 + 1000))).isEqualTo(BookOutcome.APPLIED);
        assertThat(top(book)).isEqualTo("37500.00/37520.00");
    }
}
