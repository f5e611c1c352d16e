package io.cryptorun.sources.venue.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Side;
import io.cryptorun.sources.time.Rfc3339;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Frames in the shapes of the Coinbase Advanced Trade WebSocket channel docs
 * (https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-channels and
 * the AsyncAPI spec: {@code l2_data}, {@code market_trades}, {@code heartbeats},
 * {@code subscriptions}, errors), plus one property over random books.
 */
class AdvancedTradeParserTest {
    static final long RECV = 1_700_000_000_123_456L;

    static final String L2_SNAPSHOT = "{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":\"2023-02-09T20:32:50.714964855Z\","
            + "\"sequence_num\":0,\"events\":[{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"updates\":["
            + "{\"side\":\"bid\",\"event_time\":\"1970-01-01T00:00:00Z\",\"price_level\":\"21921.73\",\"new_quantity\":\"0.06317902\"},"
            + "{\"side\":\"bid\",\"event_time\":\"1970-01-01T00:00:00Z\",\"price_level\":\"21921.3\",\"new_quantity\":\"0.02\"},"
            + "{\"side\":\"offer\",\"event_time\":\"1970-01-01T00:00:00Z\",\"price_level\":\"21921.74\",\"new_quantity\":\"1.5e-3\"}]}]}";
    static final String L2_UPDATE = "{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":\"2023-02-09T20:32:51.000001Z\","
            + "\"sequence_num\":7,\"events\":[{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":["
            + "{\"side\":\"offer\",\"event_time\":\"2023-02-09T20:32:50.9Z\",\"price_level\":\"21921.74\",\"new_quantity\":\"0\"}]}]}";
    static final String TRADES = "{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":\"2023-02-09T20:19:35.39625135Z\","
            + "\"sequence_num\":3,\"events\":[{\"type\":\"update\",\"trades\":["
            + "{\"trade_id\":\"12\",\"product_id\":\"ETH-USD\",\"price\":\"1260.01\",\"size\":\"0.3\",\"side\":\"BUY\",\"time\":\"2019-08-14T20:42:27.265Z\"},"
            + "{\"trade_id\":\"11\",\"product_id\":\"ETH-USD\",\"price\":\"1260.00\",\"size\":\"1\",\"side\":\"SELL\",\"time\":\"2019-08-14T20:42:27.200Z\"}]}]}";
    static final String HEARTBEAT = "{\"channel\":\"heartbeats\",\"client_id\":\"\",\"timestamp\":\"2023-06-23T20:31:56.121961769Z\","
            + "\"sequence_num\":42,\"events\":[{\"current_time\":\"2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105\","
            + "\"heartbeat_counter\":\"3049\"}]}";
    static final String SUBSCRIPTIONS = "{\"channel\":\"subscriptions\",\"client_id\":\"\",\"timestamp\":\"2023-02-09T20:32:49.0Z\","
            + "\"sequence_num\":1,\"events\":[{\"subscriptions\":{\"level2\":[\"BTC-USD\",\"ETH-USD\"],\"heartbeats\":[\"heartbeats\"]}}]}";
    static final String ERROR = "{\"type\":\"error\",\"message\":\"failure to subscribe\"}";

    static List<MarketEvent> parse(AdvancedTradeParser p, String frame) {
        List<MarketEvent> out = new ArrayList<>();
        p.parse(frame, RECV, "coinbase-advanced-0", 5, out::add);
        return out;
    }

    static List<MarketEvent> parse(String frame) {
        return parse(new AdvancedTradeParser(), frame);
    }

    @Test
    void l2SnapshotIsAFullBookWithExactDecimalsAndTheEnvelopeTime() {
        AdvancedTradeParser p = new AdvancedTradeParser();
        List<MarketEvent> out = parse(p, L2_SNAPSHOT);
        assertThat(out).hasSize(1);
        MarketEvent e = out.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.BOOK_SNAPSHOT);
        var s = e.snapshot();
        assertThat(s.header().venue()).isEqualTo("coinbase");
        assertThat(s.header().symbol()).isEqualTo("BTC/USD");
        assertThat(s.header().conn()).isEqualTo("coinbase-advanced-0");
        assertThat(s.header().frameOrdinal()).isEqualTo(5);
        assertThat(s.header().exchangeTimeMicros()).isEqualTo(Rfc3339.parseMicros("2023-02-09T20:32:50.714964Z"));
        assertThat(s.bidPrices()).hasSize(2);
        assertThat(s.askPrices()).hasSize(1);
        // price scale 2 (21921.73), qty scale 8 (0.06317902); 1.5e-3 read exactly
        assertThat(Decimal.of(s.bidPrices()[0], s.priceScale()).toBigDecimal()).isEqualByComparingTo("21921.73");
        assertThat(Decimal.of(s.bidPrices()[1], s.priceScale()).toBigDecimal()).isEqualByComparingTo("21921.3");
        assertThat(Decimal.of(s.askQtys()[0], s.qtyScale()).toBigDecimal()).isEqualByComparingTo("0.0015");
        assertThat(p.sequenceNum()).isZero();
    }

    @Test
    void l2UpdateIsADeltaAndZeroRemoves() {
        AdvancedTradeParser p = new AdvancedTradeParser();
        List<MarketEvent> out = parse(p, L2_UPDATE);
        assertThat(out).singleElement().extracting(MarketEvent::kind).isEqualTo(EventKind.BOOK_DELTA);
        var d = out.get(0).delta();
        assertThat(d.askQtys()).containsExactly(0L);
        assertThat(d.bidPrices()).isEmpty();
        assertThat(p.sequenceNum()).isEqualTo(7);
    }

    @Test
    void tradesComeInTradeIdOrderWithTheMakerSideInverted() {
        List<MarketEvent> out = parse(TRADES);
        assertThat(out).hasSize(2).allMatch(e -> e.kind() == EventKind.TRADE);
        var first = out.get(0).trade();
        var second = out.get(1).trade();
        assertThat(first.tradeId()).isEqualTo("11");
        assertThat(first.side()).isEqualTo(Side.BUY); // the maker sold
        assertThat(second.tradeId()).isEqualTo("12");
        assertThat(second.side()).isEqualTo(Side.SELL);
        assertThat(second.price().toBigDecimal()).isEqualTo(new BigDecimal("1260.01"));
        assertThat(second.header().symbol()).isEqualTo("ETH/USD");
        assertThat(second.header().exchangeTimeMicros()).isEqualTo(Rfc3339.parseMicros("2019-08-14T20:42:27.265Z"));
    }

    @Test
    void heartbeatIsConnectionLevelWithSequenceAndCounter() {
        AdvancedTradeParser p = new AdvancedTradeParser();
        List<MarketEvent> out = parse(p, HEARTBEAT);
        assertThat(out).singleElement().extracting(MarketEvent::kind).isEqualTo(EventKind.HEARTBEAT);
        Heartbeat h = out.get(0).heartbeat();
        assertThat(h.header().symbol()).isEmpty();
        assertThat(h.sequence()).isEqualTo(42);
        assertThat(h.lastTradeId()).isEqualTo(3049);
        assertThat(p.sequenceNum()).isEqualTo(42);
    }

    @Test
    void subscriptionsAckOnePerChannelAndProduct() {
        List<MarketEvent> out = parse(SUBSCRIPTIONS);
        assertThat(out).hasSize(3).allMatch(e -> e.kind() == EventKind.SUBSCRIPTION && e.subscription().success());
        assertThat(out).extracting(e -> e.subscription().channel() + ":" + e.symbol())
                .containsExactly("level2:BTC/USD", "level2:ETH/USD", "heartbeats:");
    }

    @Test
    void errorIsAVenueStatusWithoutSequence() {
        AdvancedTradeParser p = new AdvancedTradeParser();
        List<MarketEvent> out = parse(p, ERROR);
        assertThat(out).singleElement().extracting(MarketEvent::kind).isEqualTo(EventKind.STATUS);
        assertThat(out.get(0).status().message()).isEqualTo("failure to subscribe");
        assertThat(p.sequenceNum()).isEqualTo(Heartbeat.NO_SEQUENCE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"channel\":\"ticker\",\"sequence_num\":1,\"events\":[{}]}|unknown_channel",
        "{\"channel\":\"l2_data\",\"timestamp\":\"2023-02-09T20:32:50Z\",\"events\":[{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[{\"side\":\"bid\",\"price_level\":\"1\",\"new_quantity\":\"1\"}]}]}|missing_field",
        "{\"channel\":\"l2_data\",\"timestamp\":\"2023-02-09T20:32:50Z\",\"sequence_num\":-1,\"events\":[]}|invalid_number",
        "{\"channel\":\"l2_data\",\"timestamp\":\"2023-02-09T20:32:50Z\",\"sequence_num\":2,\"events\":[]}|missing_field",
        "{\"channel\":\"l2_data\",\"timestamp\":\"2023-02-09T20:32:50Z\",\"sequence_num\":2,\"events\":[{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[{\"side\":\"ask\",\"price_level\":\"1\",\"new_quantity\":\"1\"}]}]}|unknown_message",
        "{\"channel\":\"l2_data\",\"timestamp\":\"2023-02-09T20:32:50Z\",\"sequence_num\":2,\"events\":[{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[{\"side\":\"bid\",\"price_level\":\"1\",\"new_quantity\":\"-1\"}]}]}|negative_qty",
        "{\"channel\":\"l2_data\",\"timestamp\":\"2023-02-09T20:32:50Z\",\"sequence_num\":2,\"events\":[{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[{\"side\":\"bid\",\"price_level\":\"NaN\",\"new_quantity\":\"1\"}]}]}|invalid_number",
        "{\"channel\":\"l2_data\",\"timestamp\":\"2023-02-09T20:32:50Z\",\"sequence_num\":2,\"events\":[{\"type\":\"update\",\"product_id\":\"BTCUSD\",\"updates\":[{\"side\":\"bid\",\"price_level\":\"1\",\"new_quantity\":\"1\"}]}]}|invalid_symbol",
        "{\"channel\":\"l2_data\",\"timestamp\":\"yesterday\",\"sequence_num\":2,\"events\":[]}|invalid_timestamp",
        "{\"channel\":\"market_trades\",\"sequence_num\":2,\"events\":[{\"type\":\"update\",\"trades\":[{\"trade_id\":\"1\",\"product_id\":\"BTC-USD\",\"price\":\"1\",\"size\":\"1\",\"side\":\"BUY\"}]}]}|missing_field",
        "{\"channel\":\"l2_data\",\"sequence_num\":2,|malformed_json",
    })
    void badFramesAreOneQuarantineAndAdvanceNoSequence(String frame, String reason) {
        AdvancedTradeParser p = new AdvancedTradeParser();
        parse(p, HEARTBEAT);
        List<MarketEvent> out = parse(p, frame);
        assertThat(out).singleElement().extracting(MarketEvent::kind).isEqualTo(EventKind.QUARANTINE);
        assertThat(out.get(0).quarantine().reason()).isEqualTo(reason);
        assertThat(out.get(0).quarantine().frame()).isEqualTo(frame);
        assertThat(p.sequenceNum()).isEqualTo(Heartbeat.NO_SEQUENCE);
    }

    @Test
    void aFrameFailingInItsSecondEventEmitsOnlyTheQuarantine() {
        String frame = "{\"channel\":\"l2_data\",\"timestamp\":\"2023-02-09T20:32:50Z\",\"sequence_num\":2,\"events\":["
                + "{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[{\"side\":\"bid\",\"price_level\":\"1\",\"new_quantity\":\"1\"}]},"
                + "{\"type\":\"update\",\"product_id\":\"ETH-USD\",\"updates\":[{\"side\":\"bid\",\"price_level\":\"0\",\"new_quantity\":\"1\"}]}]}";
        List<MarketEvent> out = parse(frame);
        assertThat(out).singleElement().extracting(MarketEvent::kind).isEqualTo(EventKind.QUARANTINE);
        assertThat(out.get(0).quarantine().reason()).isEqualTo("non_positive_price");
    }

    /** Property: any book written as an update decodes to exactly the levels written, side by side. */
    @Test
    void randomUpdatesRoundTripExactly() {
        Random r = new Random(20261207L);
        AdvancedTradeParser p = new AdvancedTradeParser();
        for (int n = 0; n < 2_000; n++) {
            int levels = 1 + r.nextInt(6);
            List<String> ups = new ArrayList<>();
            List<BigDecimal> bids = new ArrayList<>();
            List<BigDecimal> asks = new ArrayList<>();
            for (int i = 0; i < levels; i++) {
                BigDecimal price = BigDecimal.valueOf(1 + r.nextInt(9_999_999), r.nextInt(7));
                BigDecimal qty = BigDecimal.valueOf(r.nextInt(100_000_000), r.nextInt(9));
                boolean bid = r.nextBoolean();
                (bid ? bids : asks).add(price);
                ups.add("{\"side\":\"" + (bid ? "bid" : "offer") + "\",\"event_time\":\"2023-02-09T20:32:50Z\",\"price_level\":\""
                        + price.toPlainString() + "\",\"new_quantity\":\"" + qty.toPlainString() + "\"}");
            }
            String frame = "{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":\"2023-02-09T20:32:50Z\",\"sequence_num\":" + n
                    + ",\"events\":[{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[" + String.join(",", ups) + "]}]}";
            List<MarketEvent> out = parse(p, frame);
            assertThat(out).singleElement().extracting(MarketEvent::kind).isEqualTo(EventKind.BOOK_DELTA);
            var d = out.get(0).delta();
            List<BigDecimal> gotBids = new ArrayList<>();
            for (long m : d.bidPrices()) gotBids.add(BigDecimal.valueOf(m, d.priceScale()));
            List<BigDecimal> gotAsks = new ArrayList<>();
            for (long m : d.askPrices()) gotAsks.add(BigDecimal.valueOf(m, d.priceScale()));
            assertThat(gotBids).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(bids);
            assertThat(gotAsks).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(asks);
            assertThat(p.sequenceNum()).isEqualTo(n);
        }
    }
}
