package io.cryptorun.sources.venue.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Frames in the shapes of the Coinbase Exchange WebSocket docs,
 * https://docs.cdp.coinbase.com/exchange/websocket-feed/channels (heartbeat, level2/level2_batch,
 * matches, subscriptions, error). The doc examples are copied where the page has one.
 */
class CoinbaseParserTest {
    static final long RECV = 1_700_000_000_123_456L;

    static List<MarketEvent> parse(String frame) {
        List<MarketEvent> out = new ArrayList<>();
        new CoinbaseParser().parse(frame, RECV, "cb-1", 3, out::add);
        return out;
    }

    static MarketEvent one(String frame) {
        List<MarketEvent> out = parse(frame);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    // docs: level2 channel, snapshot example
    static final String DOC_SNAPSHOT = "{\"type\": \"snapshot\",\"product_id\": \"BTC-USD\","
            + "\"bids\": [[\"10101.10\", \"0.45054140\"]],\"asks\": [[\"10102.55\", \"0.57753524\"]]}";
    // docs: level2 channel, l2update example
    static final String DOC_L2UPDATE = "{\"type\": \"l2update\",\"product_id\": \"BTC-USD\","
            + "\"time\": \"2019-08-14T20:42:27.265Z\",\"changes\": [[\"buy\",\"10101.80000000\",\"0.162567\"]]}";
    // docs: matches channel example
    static final String DOC_MATCH = "{\"type\": \"match\",\"trade_id\": 10,\"sequence\": 50,"
            + "\"maker_order_id\": \"ac928c66-ca53-498f-9c13-a110027a60e8\",\"taker_order_id\": \"132fb6ae-456b-4654-b4e0-d681ac05cea1\","
            + "\"time\": \"2014-11-07T08:19:27.028459Z\",\"product_id\": \"BTC-USD\",\"size\": \"5.23512\",\"price\": \"400.23\",\"side\": \"sell\"}";
    // docs: heartbeat channel example
    static final String DOC_HEARTBEAT = "{\"type\": \"heartbeat\",\"sequence\": 90,\"last_trade_id\": 20,"
            + "\"product_id\": \"BTC-USD\",\"time\": \"2014-11-07T08:19:28.464459Z\"}";

    @Test
    void snapshotFromDocs() {
        var s = one(DOC_SNAPSHOT).snapshot();
        assertThat(s.header().venue()).isEqualTo("coinbase");
        assertThat(s.header().symbol()).isEqualTo("BTC/USD");
        assertThat(s.header().conn()).isEqualTo("cb-1");
        assertThat(s.header().frameOrdinal()).isEqualTo(3);
        assertThat(s.header().exchangeTimeMicros()).isEqualTo(EventHeader.NO_TIME);
        assertThat(s.priceScale()).isEqualTo(2);
        assertThat(s.qtyScale()).isEqualTo(8);
        assertThat(s.bidPrices()).containsExactly(1010110);
        assertThat(s.bidQtys()).containsExactly(45054140);
        assertThat(s.askPrices()).containsExactly(1010255);
        assertThat(s.askQtys()).containsExactly(57753524);
    }

    @Test
    void l2updateFromDocsBuyIsBidSellIsAskWithOneCommonScale() {
        var d = one(DOC_L2UPDATE).delta();
        assertThat(d.header().symbol()).isEqualTo("BTC/USD");
        assertThat(d.header().exchangeTimeMicros()).isEqualTo(1565815347265000L);
        assertThat(d.priceScale()).isEqualTo(8);
        assertThat(d.qtyScale()).isEqualTo(6);
        assertThat(d.bidPrices()).containsExactly(1010180000000L);
        assertThat(d.bidQtys()).containsExactly(162567);
        assertThat(d.askPrices()).isEmpty();

        var two = one("{\"type\":\"l2update\",\"product_id\":\"ETH-USD\",\"time\":\"2019-08-14T20:42:27.265Z\","
                + "\"changes\":[[\"sell\",\"2000.5\",\"0\"],[\"buy\",\"1999.25\",\"1.5\"],[\"sell\",\"2001\",\"0.001\"]]}").delta();
        assertThat(two.priceScale()).isEqualTo(2);
        assertThat(two.qtyScale()).isEqualTo(3);
        assertThat(two.askPrices()).containsExactly(200050, 200100);
        assertThat(two.askQtys()).containsExactly(0, 1);
        assertThat(two.bidPrices()).containsExactly(199925);
        assertThat(two.bidQtys()).containsExactly(1500);
    }

    @Test
    void matchFromDocsMakerSideSellMeansTakerBought() {
        var t = one(DOC_MATCH).trade();
        assertThat(t.header().symbol()).isEqualTo("BTC/USD");
        assertThat(t.price()).isEqualTo(Decimal.parse("400.23"));
        assertThat(t.qty()).isEqualTo(Decimal.parse("5.23512"));
        assertThat(t.side()).isEqualTo(Side.BUY);
        assertThat(t.tradeId()).isEqualTo("10");
        assertThat(t.header().exchangeTimeMicros()).isEqualTo(1415348367028459L);
        var lastMatch = one(DOC_MATCH.replace("\"match\"", "\"last_match\"").replace("\"sell\"", "\"buy\"")).trade();
        assertThat(lastMatch.side()).isEqualTo(Side.SELL);
    }

    @Test
    void heartbeatFromDocsCarriesSequenceAndLastTradeId() {
        var h = one(DOC_HEARTBEAT).heartbeat();
        assertThat(h.header().symbol()).isEqualTo("BTC/USD");
        assertThat(h.sequence()).isEqualTo(90);
        assertThat(h.lastTradeId()).isEqualTo(20);
        assertThat(h.header().exchangeTimeMicros()).isEqualTo(1415348368464459L);
    }

    @Test
    void subscriptionsOnePerChannelAndProduct() {
        List<MarketEvent> out = parse("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"level2_batch\","
                + "\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]},{\"name\":\"heartbeat\",\"product_ids\":[\"BTC-USD\"]}]}");
        assertThat(out).extracting(MarketEvent::kind).containsOnly(EventKind.SUBSCRIPTION);
        assertThat(out).extracting(e -> e.subscription().channel() + "@" + e.symbol())
                .containsExactly("level2_batch@BTC/USD", "level2_batch@ETH/USD", "heartbeat@BTC/USD");
        assertThat(one("{\"type\":\"subscriptions\",\"channels\":[]}").subscription().channel()).isEmpty();
    }

    @Test
    void errorIsVenueStatus() {
        var s = one("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"ABC-USD is not a valid product\"}").status();
        assertThat(s.system()).isEqualTo("error");
        assertThat(s.message()).isEqualTo("Failed to subscribe: ABC-USD is not a valid product");
    }

    @Test
    void fieldOrderDoesNotMatter() {
        String b = "{\"changes\": [[\"buy\",\"10101.80000000\",\"0.162567\"]],\"time\": \"2019-08-14T20:42:27.265Z\","
                + "\"product_id\": \"BTC-USD\",\"type\": \"l2update\"}";
        assertThat(one(b)).isEqualTo(one(DOC_L2UPDATE));
        String m = "{\"side\": \"sell\",\"price\": \"400.23\",\"size\": \"5.23512\",\"product_id\": \"BTC-USD\","
                + "\"time\": \"2014-11-07T08:19:27.028459Z\",\"sequence\": 50,\"trade_id\": 10,\"type\": \"match\"}";
        assertThat(one(m)).isEqualTo(one(DOC_MATCH));
    }

    @Test
    void numbersAsStringsOrJsonNumbersWithExponentsAreExact() {
        var d = one("{\"type\":\"l2update\",\"product_id\":\"PEPE-USD\",\"time\":\"2024-01-01T00:00:00Z\","
                + "\"changes\":[[\"buy\",\"1.2345e-05\",5.325e-05],[\"sell\",0.00001240,\"1E+3\"]]}").delta();
        assertThat(d.header().symbol()).isEqualTo("PEPE/USD");
        assertThat(d.priceScale()).isEqualTo(9);
        assertThat(d.bidPrices()).containsExactly(12345);
        assertThat(d.askPrices()).containsExactly(12400);
        assertThat(d.qtyScale()).isEqualTo(8);
        assertThat(d.bidQtys()).containsExactly(5325);
        assertThat(d.askQtys()).containsExactly(100_000_000_000L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                | malformed_json     | not json
            trailing                | malformed_json     | {"type":"heartbeat","sequence":1,"product_id":"BTC-USD"} x
            array                   | unknown_message    | [1,2]
            no type                 | unknown_message    | {"product_id":"BTC-USD"}
            ticker type             | unknown_channel    | {"type":"ticker","product_id":"BTC-USD","price":"1"}
            snapshot no product     | missing_field      | {"type":"snapshot","bids":[],"asks":[]}
            snapshot no asks        | missing_field      | {"type":"snapshot","product_id":"BTC-USD","bids":[]}
            bad product id          | invalid_symbol     | {"type":"snapshot","product_id":"BTCUSD","bids":[],"asks":[]}
            two dashes              | invalid_symbol     | {"type":"snapshot","product_id":"BTC-USD-X","bids":[],"asks":[]}
            bad price               | invalid_number     | {"type":"l2update","product_id":"BTC-USD","changes":[["buy","abc","1"]]}
            NaN size                | invalid_number     | {"type":"l2update","product_id":"BTC-USD","changes":[["buy","1","NaN"]]}
            null price              | invalid_number     | {"type":"l2update","product_id":"BTC-USD","changes":[["buy",null,"1"]]}
            negative size           | negative_qty       | {"type":"l2update","product_id":"BTC-USD","changes":[["sell","1","-0.5"]]}
            zero price              | non_positive_price | {"type":"l2update","product_id":"BTC-USD","changes":[["sell","0","0.5"]]}
            bad side                | unknown_message    | {"type":"l2update","product_id":"BTC-USD","changes":[["hold","1","0.5"]]}
            short change            | missing_field      | {"type":"l2update","product_id":"BTC-USD","changes":[["buy","1"]]}
            empty changes           | missing_field      | {"type":"l2update","product_id":"BTC-USD","changes":[]}
            bad time                | invalid_timestamp  | {"type":"l2update","product_id":"BTC-USD","time":"yesterday","changes":[["buy","1","1"]]}
            match no trade id       | missing_field      | {"type":"match","product_id":"BTC-USD","price":"1","size":"1","side":"buy"}
            match zero size         | invalid_number     | {"type":"match","trade_id":1,"product_id":"BTC-USD","price":"1","size":"0","side":"buy"}
            match negative size     | negative_qty       | {"type":"match","trade_id":1,"product_id":"BTC-USD","price":"1","size":"-1","side":"buy"}
            match side              | unknown_message    | {"type":"match","trade_id":1,"product_id":"BTC-USD","price":"1","size":"1","side":"up"}
            heartbeat no sequence   | missing_field      | {"type":"heartbeat","product_id":"BTC-USD"}
            negative sequence       | invalid_number     | {"type":"heartbeat","product_id":"BTC-USD","sequence":-5}
            huge sequence           | invalid_number     | {"type":"heartbeat","product_id":"BTC-USD","sequence":99999999999999999999}
            subscriptions no list   | missing_field      | {"type":"subscriptions"}
            """)
    void malformedFramesAreQuarantinedWithTheirReason(String name, String reason, String frame) {
        MarketEvent e = one(frame);
        assertThat(e.kind()).as(name).isEqualTo(EventKind.QUARANTINE);
        assertThat(e.quarantine().reason()).as(name + ": " + e.quarantine().detail()).isEqualTo(reason);
        assertThat(e.quarantine().venue()).isEqualTo("coinbase");
        assertThat(e.quarantine().frame()).isEqualTo(frame);
        assertThat(e.quarantine().frameOrdinal()).isEqualTo(3);
    }

    @Test
    void quarantineNamesTheProductWhenKnown() {
        var q = one("{\"type\":\"l2update\",\"product_id\":\"ETH-USD\",\"changes\":[[\"buy\",\"1\",\"-1\"]]}").quarantine();
        // the level failed before the product id was interpreted; the frame's product id still names it
        assertThat(q.symbol()).isEqualTo("ETH/USD");
    }
}
