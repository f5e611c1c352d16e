package io.cryptorun.sources.venue.coinbase;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.BookState;
import io.cryptorun.sources.book.OrderBook;
import static io.cryptorun.sources.venue.VenueFrames.coinbase;
import static io.cryptorun.sources.venue.VenueFrames.top;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.Trade;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoinbaseBookIntegrityTest {
    OrderBook book;
    CoinbaseBookIntegrity rules;

    static BookSnapshot snapshot() {
        return coinbase("{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":[[\"100.00\",\"1.00000000\"],"
                + "[\"99.50\",\"2.00000000\"]],\"asks\":[[\"100.50\",\"1.50000000\"]]}").snapshot();
    }

    static BookDelta change(String side, String price, String size) {
        return coinbase("{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"time\":\"2024-01-01T00:00:00.000001Z\","
                + "\"changes\":[[\"" + side + "\",\"" + price + "\",\"" + size + "\"]]}").delta();
    }

    static Heartbeat heartbeat(long sequence, long lastTradeId) {
        return coinbase("{\"type\":\"heartbeat\",\"sequence\":" + sequence + ",\"last_trade_id\":" + lastTradeId
                + ",\"product_id\":\"BTC-USD\",\"time\":\"2024-01-01T00:00:01Z\"}").heartbeat();
    }

    static Trade match(long tradeId, long sequence) {
        return coinbase("{\"type\":\"match\",\"trade_id\":" + tradeId + ",\"sequence\":" + sequence
                + ",\"product_id\":\"BTC-USD\",\"size\":\"0.1\",\"price\":\"100.25\",\"side\":\"buy\","
                + "\"time\":\"2024-01-01T00:00:00.5Z\"}").trade();
    }

    @BeforeEach
    void setUp() {
        book = new OrderBook("coinbase", "BTC/USD");
        book.setDepth(1000);
        rules = new CoinbaseBookIntegrity();
    }

    @Test
    void snapshotThenUpdates() {
        assertThat(rules.apply(book, snapshot())).isEqualTo(BookOutcome.APPLIED);
        assertThat(book.isValid()).isTrue();
        assertThat(book.priceScale()).isEqualTo(2);
        assertThat(top(book)).isEqualTo("100.00/100.50");
        assertThat(rules.apply(book, change("buy", "100.25", "0.5"))).isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.apply(book, change("sell", "100.50", "0"))).isEqualTo(BookOutcome.APPLIED);
        assertThat(book.bidCount()).isEqualTo(3);
        assertThat(book.askCount()).isZero();
        assertThat(rules.apply(book, change("sell", "100.30000000", "2"))).isEqualTo(BookOutcome.APPLIED);
        assertThat(book.priceScale()).isEqualTo(8); // raised by the finer update, exactly
        assertThat(top(book)).isEqualTo("100.25000000/100.30000000");
    }

    @Test
    void updateBeforeSnapshotIsRefused() {
        assertThat(rules.apply(book, change("buy", "100", "1"))).isEqualTo(BookOutcome.BEFORE_SNAPSHOT);
        assertThat(book.bidCount()).isZero();
    }

    @Test
    void tradeIdGapInvalidatesUntilTheNextSnapshot() {
        rules.apply(book, snapshot());
        assertThat(rules.onTrade(book, match(100, 5000))).isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.onTrade(book, match(101, 5003))).isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.onTrade(book, match(103, 5010))).isEqualTo(BookOutcome.SEQUENCE_GAP); // 102 missed
        assertThat(book.state()).isEqualTo(BookState.INVALID);
        assertThat(rules.gaps()).isEqualTo(1);
        assertThat(rules.apply(book, change("buy", "100.25", "0.5"))).isEqualTo(BookOutcome.BOOK_INVALID);
        assertThat(rules.apply(book, snapshot())).isEqualTo(BookOutcome.APPLIED);
        assertThat(book.isValid()).isTrue();
        // baselines restart with the new subscription
        assertThat(rules.onTrade(book, match(250, 9000))).isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.apply(book, change("buy", "100.25", "0.5"))).isEqualTo(BookOutcome.APPLIED);
    }

    @Test
    void heartbeatAheadOfTheLastMatchSeenIsAGap() {
        rules.apply(book, snapshot());
        rules.onTrade(book, match(20, 80));
        assertThat(rules.onHeartbeat(book, heartbeat(90, 20))).isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.onHeartbeat(book, heartbeat(95, 22))).isEqualTo(BookOutcome.SEQUENCE_GAP); // 21, 22 never arrived
        assertThat(book.isValid()).isFalse();
    }

    @Test
    void heartbeatSequenceGoingBackwardsIsAGapAndAQuietSecondIsNot() {
        rules.apply(book, snapshot());
        assertThat(rules.onHeartbeat(book, heartbeat(90, 20))).isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.onHeartbeat(book, heartbeat(90, 20))).isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.onHeartbeat(book, heartbeat(120, 20))).isEqualTo(BookOutcome.APPLIED);
        assertThat(book.isValid()).isTrue();
        assertThat(rules.onHeartbeat(book, heartbeat(100, 20))).isEqualTo(BookOutcome.SEQUENCE_GAP);
        assertThat(book.state()).isEqualTo(BookState.INVALID);
    }

    @Test
    void heartbeatsWithoutMatchesSubscribedNeverTripTheTradeIdCheck() {
        rules.apply(book, snapshot());
        assertThat(rules.onHeartbeat(book, heartbeat(90, 20))).isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.onHeartbeat(book, heartbeat(91, 40))).isEqualTo(BookOutcome.APPLIED);
        assertThat(book.isValid()).isTrue();
    }

    @Test
    void crossedUpdateInvalidates() {
        rules.apply(book, snapshot());
        assertThat(rules.apply(book, change("buy", "101", "1"))).isEqualTo(BookOutcome.CROSSED);
        assertThat(book.state()).isEqualTo(BookState.INVALID);
    }

    /** After a book reset the lost stretch may hold matches: the next trade id starts a new baseline, one skip later is a gap again. */
    @Test
    void aResetDropsTheTradeIdAndSequenceBaselines() {
        rules.apply(book, snapshot());
        assertThat(rules.onTrade(book, match(10, 1))).isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.onHeartbeat(book, heartbeat(50, 10))).isEqualTo(BookOutcome.APPLIED);
        book.invalidate();
        rules.onReset();
        assertThat(rules.onTrade(book, match(14, 2))).as("ids 11-13 were in the gap").isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.onHeartbeat(book, heartbeat(40, 14))).as("a new subscription's sequence").isEqualTo(BookOutcome.APPLIED);
        assertThat(rules.gaps()).isZero();
        assertThat(rules.onTrade(book, match(16, 3))).isEqualTo(BookOutcome.SEQUENCE_GAP);
        assertThat(rules.gaps()).isEqualTo(1);
    }
}
