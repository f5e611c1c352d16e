package io.cryptorun.sources.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.Subscription;
import org.junit.jupiter.api.Test;

/**
 * The per-symbol resubscribe messages of each venue, as its protocol spells them, and which
 * acknowledgement ends a resubscribed symbol's wait (LiveFeed ignores its in-flight updates until then).
 */
class VenueResubscribeTest {

    static Subscription ack(String symbol, String channel, boolean success) {
        return new Subscription(new EventHeader("x", symbol, EventHeader.NO_TIME, 0, "c", 0), channel, 0, success, "");
    }

    @Test
    void lostSnapshotUnsubscribesThenSubscribesTheBookChannelOfThatSymbolOnly() {
        assertThat(Venue.KRAKEN.resubscribeBook("ETH/USD", true)).containsExactly(
                "{\"method\":\"unsubscribe\",\"params\":{\"channel\":\"book\",\"depth\":10,\"symbol\":[\"ETH/USD\"]}}",
                "{\"method\":\"subscribe\",\"params\":{\"channel\":\"book\",\"depth\":10,\"snapshot\":true,\"symbol\":[\"ETH/USD\"]}}");
        assertThat(Venue.COINBASE.resubscribeBook("ETH/USD", true)).containsExactly(
                "{\"type\":\"unsubscribe\",\"product_ids\":[\"ETH-USD\"],\"channels\":[\"level2_batch\"]}",
                "{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channels\":[\"level2_batch\"]}");
        assertThat(Venue.COINBASE_ADVANCED.resubscribeBook("ETH/USD", true)).containsExactly(
                "{\"type\":\"unsubscribe\",\"product_ids\":[\"ETH-USD\"],\"channel\":\"level2\"}",
                "{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channel\":\"level2\"}");
        assertThat(Venue.BITSTAMP.resubscribeBook("ETH/USD", true)).containsExactly(
                "{\"event\":\"bts:unsubscribe\",\"data\":{\"channel\":\"diff_order_book_ethusd\"}}",
                "{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"diff_order_book_ethusd\"}}");
        assertThat(Venue.GEMINI.resubscribeBook("ETH/USD", true)).containsExactly(
                "{\"type\":\"unsubscribe\",\"subscriptions\":[{\"name\":\"l2\",\"symbols\":[\"ETHUSD\"]}]}",
                "{\"type\":\"subscribe\",\"subscriptions\":[{\"name\":\"l2\",\"symbols\":[\"ETHUSD\"]}]}");
    }

    /** A refusal: every venue retries that symbol alone (nothing to unsubscribe); Coinbase subscribes the product on every channel again. */
    @Test
    void aRefusalIsRetriedPerSymbolOnlyWhereTheVenueRefusesPerSymbol() {
        assertThat(Venue.KRAKEN.resubscribeBook("ETH/USD", false)).hasSize(1).allMatch(m -> m.contains("\"method\":\"subscribe\""));
        assertThat(Venue.BITSTAMP.resubscribeBook("ETH/USD", false))
                .containsExactly("{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"diff_order_book_ethusd\"}}");
        assertThat(Venue.GEMINI.resubscribeBook("ETH/USD", false)).hasSize(1);
        assertThat(Venue.COINBASE.resubscribeBook("ETH/USD", false)).containsExactly(
                "{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channels\":[\"level2_batch\",\"matches\",\"heartbeat\"]}");
        assertThat(Venue.COINBASE_ADVANCED.resubscribeBook("ETH/USD", false)).containsExactly(
                "{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channel\":\"level2\"}",
                "{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channel\":\"market_trades\"}");
    }

    /** After a resubscribe timeout: the book unsubscribed first, then subscribed (Coinbase: the product on every channel). */
    @Test
    void anUnansweredResubscribeIsRetriedWithAnUnsubscribeFirst() {
        assertThat(Venue.KRAKEN.retryBook("ETH/USD")).isEqualTo(Venue.KRAKEN.resubscribeBook("ETH/USD", true));
        assertThat(Venue.GEMINI.retryBook("ETH/USD")).isEqualTo(Venue.GEMINI.resubscribeBook("ETH/USD", true));
        assertThat(Venue.BITSTAMP.retryBook("ETH/USD")).isEqualTo(Venue.BITSTAMP.resubscribeBook("ETH/USD", true));
        assertThat(Venue.COINBASE.retryBook("ETH/USD")).containsExactly(
                "{\"type\":\"unsubscribe\",\"product_ids\":[\"ETH-USD\"],\"channels\":[\"level2_batch\"]}",
                "{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channels\":[\"level2_batch\",\"matches\",\"heartbeat\"]}");
        assertThat(Venue.COINBASE_ADVANCED.retryBook("ETH/USD")).hasSize(3).first().asString().contains("\"type\":\"unsubscribe\"");
    }

    @Test
    void theBookAckIsTheSuccessfulSubscriptionOfTheBookChannel() {
        assertThat(Venue.KRAKEN.isBookAck(ack("ETH/USD", "book", true))).isTrue();
        assertThat(Venue.KRAKEN.isBookAck(ack("ETH/USD", "book", false))).isFalse();
        assertThat(Venue.KRAKEN.isBookAck(ack("ETH/USD", "trade", true))).isFalse();
        assertThat(Venue.COINBASE.isBookAck(ack("ETH/USD", "level2_batch", true))).isTrue();
        assertThat(Venue.COINBASE.isBookAck(ack("ETH/USD", "matches", true))).isFalse();
        assertThat(Venue.COINBASE_ADVANCED.isBookAck(ack("ETH/USD", "level2", true))).isTrue();
        assertThat(Venue.COINBASE_ADVANCED.isBookAck(ack("ETH/USD", "market_trades", true))).isFalse();
        assertThat(Venue.BITSTAMP.isBookAck(ack("ETH/USD", "diff_order_book", true))).isTrue();
        assertThat(Venue.BITSTAMP.isBookAck(ack("ETH/USD", "-diff_order_book", true))).as("an unsubscribe ack").isFalse();
        assertThat(Venue.BITSTAMP.isBookAck(ack("ETH/USD", "live_trades", true))).isFalse();
        assertThat(Venue.GEMINI.isBookAck(ack("ETH/USD", "l2", true))).as("v2 acknowledges nothing").isFalse();
    }
}
