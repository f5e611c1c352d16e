package io.cryptorun.sources.book;

import io.cryptorun.sources.venue.bitstamp.BitstampBookIntegrity;
import io.cryptorun.sources.venue.coinbase.CoinbaseBookIntegrity;
import io.cryptorun.sources.venue.gemini.GeminiBookIntegrity;
import static io.cryptorun.sources.venue.VenueFrames.coinbase;
import static io.cryptorun.sources.venue.VenueFrames.top;
import static io.cryptorun.sources.venue.bitstamp.BitstampBookIntegrityTest.T0;
import static io.cryptorun.sources.venue.bitstamp.BitstampBookIntegrityTest.diff;
import static io.cryptorun.sources.venue.bitstamp.BitstampBookIntegrityTest.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Keyed state of the per-book rules: what is restored behaves exactly like what was written. */
class BookRuleSerializerTest {

    static BookRule roundTrip(BookRule rule) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        BookRuleSerializer.INSTANCE.serialize(rule, out);
        return BookRuleSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    /** The layout savepoints hold (format 1, tag 1 = Coinbase, then its three longs) is read and written unchanged. */
    @Test
    void coinbaseStateKeepsItsSavepointLayout() throws Exception {
        DataOutputSerializer old = new DataOutputSerializer(32);
        old.writeByte(1);
        old.writeByte(1);
        old.writeLong(41);
        old.writeLong(7);
        old.writeLong(2);
        CoinbaseBookIntegrity restored = (CoinbaseBookIntegrity) BookRuleSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(old.getCopyOfBuffer()));
        assertThat(restored.lastSequence()).isEqualTo(41);
        assertThat(restored.lastTradeId()).isEqualTo(7);
        assertThat(restored.gaps()).isEqualTo(2);
        DataOutputSerializer again = new DataOutputSerializer(32);
        BookRuleSerializer.INSTANCE.serialize(restored, again);
        assertThat(again.getCopyOfBuffer()).isEqualTo(old.getCopyOfBuffer());
    }

    @Test
    void everyVenueHasItsRuleInOrder() {
        assertThat(VenueBookRules.VENUES).containsExactly("kraken", "coinbase", "bitstamp", "gemini");
        assertThat(VenueBookRules.keepsState("coinbase")).isTrue();
        assertThat(VenueBookRules.keepsState("bitstamp")).isTrue();
        assertThat(VenueBookRules.keepsState("kraken")).isFalse();
        assertThat(new VenueBookRules().sharedRule("gemini")).isInstanceOf(GeminiBookIntegrity.class);
    }

    @Test
    void bitstampBufferAndTimesSurvive() throws Exception {
        BitstampBookIntegrity rules = new BitstampBookIntegrity(50);
        OrderBook book = VenueBookRules.newBook("bitstamp", "BTC/USD");
        rules.apply(book, diff(T0 + 300, "[[\"37510.00\",\"0.70000000\"]]", "[]"));
        rules.apply(book, diff(T0 + 100, "[[\"37505.00\",\"9.00000000\"]]", "[]"));
        BitstampBookIntegrity restored = (BitstampBookIntegrity) roundTrip(rules);
        assertThat(restored.bufferedDiffs()).isEqualTo(rules.bufferedDiffs());
        assertThat(restored.maxBuffered()).isEqualTo(50);
        // the restored buffer is replayed by the snapshot as the original's would be
        assertThat(restored.applySnapshot(book, rest(T0 + 100))).isEqualTo(BookOutcome.APPLIED);
        assertThat(restored.staleDropped()).isEqualTo(1);
        assertThat(top(book)).isEqualTo("37510.00/37520.00");
        BitstampBookIntegrity again = (BitstampBookIntegrity) roundTrip(restored);
        assertThat(again.snapshotMicros()).isEqualTo(T0 + 100);
        assertThat(again.apply(book, diff(T0 + 50, "[]", "[]"))).isEqualTo(BookOutcome.STALE);
    }

    @Test
    void coinbaseBaselinesSurvive() throws Exception {
        CoinbaseBookIntegrity rules = new CoinbaseBookIntegrity();
        OrderBook book = VenueBookRules.newBook("coinbase", "BTC/USD");
        rules.apply(book, coinbase("{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":[[\"100\",\"1\"]],\"asks\":[[\"101\",\"1\"]]}")
                .snapshot());
        rules.onTrade(book, coinbase("{\"type\":\"match\",\"trade_id\":41,\"side\":\"sell\",\"size\":\"1\",\"price\":\"101\","
                + "\"product_id\":\"BTC-USD\",\"time\":\"2023-11-14T22:13:20.000000Z\"}").trade());
        CoinbaseBookIntegrity restored = (CoinbaseBookIntegrity) roundTrip(rules);
        assertThat(restored.lastTradeId()).isEqualTo(41);
        // trade 43 after 41: the restored baseline sees the gap
        assertThat(restored.onTrade(book, coinbase("{\"type\":\"match\",\"trade_id\":43,\"side\":\"sell\",\"size\":\"1\","
                + "\"price\":\"101\",\"product_id\":\"BTC-USD\",\"time\":\"2023-11-14T22:13:21.000000Z\"}").trade()))
                .isEqualTo(BookOutcome.SEQUENCE_GAP);
        assertThat(restored.gaps()).isEqualTo(1);
    }

    @Test
    void copiesAreIndependentAndStatelessRulesAreNotStored() {
        BitstampBookIntegrity rules = new BitstampBookIntegrity();
        OrderBook book = VenueBookRules.newBook("bitstamp", "BTC/USD");
        BitstampBookIntegrity copy = (BitstampBookIntegrity) BookRuleSerializer.INSTANCE.copy(rules);
        rules.apply(book, diff(T0, "[]", "[]"));
        assertThat(rules.buffered()).isEqualTo(1);
        assertThat(copy.buffered()).isZero();
        assertThat(BookRuleSerializer.INSTANCE.snapshotConfiguration().restoreSerializer()).isSameAs(BookRuleSerializer.INSTANCE);
        assertThatThrownBy(() -> BookRuleSerializer.INSTANCE.serialize(new GeminiBookIntegrity(), new DataOutputSerializer(8)))
                .hasMessageContaining("stateless");
    }
}
