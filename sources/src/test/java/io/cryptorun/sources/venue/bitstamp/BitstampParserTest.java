package io.cryptorun.sources.venue.bitstamp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Frames in the shapes documented at https://www.bitstamp.net/websocket/v2/ (subscription
 * replies, {@code diff_order_book_[market]}, {@code live_trades_[market]}, {@code bts:request_reconnect})
 * and https://www.bitstamp.net/api/#tag/Order-book (REST {@code /api/v2/order_book/{market_symbol}/}).
 * The docs give field tables rather than full example frames for most of these, so the values
 * below are made up in the documented shapes (strings for prices/amounts and microtimestamps).
 */
class BitstampParserTest {
    static final long RECV = 1_700_000_000_123_456L;

    static List<MarketEvent> parse(String frame) {
        List<MarketEvent> out = new ArrayList<>();
        new BitstampParser().parse(frame, RECV, "bs-1", 9, out::add);
        return out;
    }

    static MarketEvent one(String frame) {
        List<MarketEvent> out = parse(frame);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    static MarketEvent rest(String body, String pair) {
        List<MarketEvent> out = new ArrayList<>();
        new BitstampParser().parseRestSnapshot(body, pair, RECV, "rest-1", 0, out::add);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    static final String DIFF = "{\"data\": {\"timestamp\": \"1643643489\", \"microtimestamp\": \"1643643489472516\","
            + " \"bids\": [[\"37500.00\", \"0.01200000\"], [\"37498.00\", \"0.00000000\"]],"
            + " \"asks\": [[\"37520.00\", \"0.25000000\"]]}, \"channel\": \"diff_order_book_btcusd\", \"event\": \"data\"}";
    static final String TRADE = "{\"data\": {\"id\": 217011934, \"timestamp\": \"1643643489\", \"amount\": 0.0012,"
            + " \"amount_str\": \"0.00120000\", \"price\": 37510, \"price_str\": \"37510\", \"type\": 1,"
            + " \"microtimestamp\": \"1643643489479000\", \"buy_order_id\": 1453497263603712,"
            + " \"sell_order_id\": 1453497245884416}, \"channel\": \"live_trades_btcusd\", \"event\": \"trade\"}";
    static final String REST = "{\"timestamp\": \"1643643489\", \"microtimestamp\": \"1643643489400000\","
            + " \"bids\": [[\"37500.00\", \"0.50000000\"], [\"37499.50\", \"1.00000000\"]], \"asks\": [[\"37520.00\", \"0.25000000\"]]}";

    @Test
    void diffIsDeltaAtItsMicrotimestamp() {
        var d = one(DIFF).delta();
        assertThat(d.header().venue()).isEqualTo("bitstamp");
        assertThat(d.header().symbol()).isEqualTo("BTC/USD");
        assertThat(d.header().exchangeTimeMicros()).isEqualTo(1643643489472516L);
        assertThat(d.priceScale()).isEqualTo(2);
        assertThat(d.qtyScale()).isEqualTo(8);
        assertThat(d.bidPrices()).containsExactly(3750000, 3749800);
        assertThat(d.bidQtys()).containsExactly(1200000, 0);
        assertThat(d.askPrices()).containsExactly(3752000);
        assertThat(d.askQtys()).containsExactly(25000000);
    }

    @Test
    void liveTradePrefersTheStringFieldsTypeOneIsSell() {
        var t = one(TRADE).trade();
        assertThat(t.header().symbol()).isEqualTo("BTC/USD");
        assertThat(t.price()).isEqualTo(Decimal.parse("37510"));
        assertThat(t.qty()).isEqualTo(Decimal.parse("0.00120000"));
        assertThat(t.side()).isEqualTo(Side.SELL);
        assertThat(t.tradeId()).isEqualTo("217011934");
        assertThat(t.header().exchangeTimeMicros()).isEqualTo(1643643489479000L);
        // without the _str fields the numeric ones are read exactly from their text
        var n = one("{\"event\":\"trade\",\"channel\":\"live_trades_ethusd\",\"data\":{\"id\":1,\"amount\":1.2e-7,"
                + "\"price\":2000.1,\"type\":0,\"timestamp\":\"1643643489\"}}").trade();
        assertThat(n.qty()).isEqualTo(new Decimal(12, 8));
        assertThat(n.price()).isEqualTo(new Decimal(20001, 1));
        assertThat(n.side()).isEqualTo(Side.BUY);
        assertThat(n.header().exchangeTimeMicros()).isEqualTo(1643643489000000L);
    }

    @Test
    void subscriptionReplies() {
        var s = one("{\"event\":\"bts:subscription_succeeded\",\"channel\":\"diff_order_book_btcusd\",\"data\":{}}").subscription();
        assertThat(s.channel()).isEqualTo("diff_order_book");
        assertThat(s.header().symbol()).isEqualTo("BTC/USD");
        assertThat(s.success()).isTrue();
        var u = one("{\"event\":\"bts:unsubscription_succeeded\",\"channel\":\"live_trades_ethusd\",\"data\":{}}").subscription();
        assertThat(u.channel()).isEqualTo("-live_trades");
        assertThat(u.header().symbol()).isEqualTo("ETH/USD");
    }

    @Test
    void reconnectRequestAndErrorAreStatus() {
        var r = one("{\"event\": \"bts:request_reconnect\", \"channel\": \"\", \"data\": \"\"}").status();
        assertThat(r.system()).isEqualTo("request_reconnect");
        var e = one("{\"event\":\"bts:error\",\"channel\":\"\",\"data\":{\"code\":null,\"message\":\"Bad subscription string.\"}}").status();
        assertThat(e.system()).isEqualTo("error");
        assertThat(e.message()).isEqualTo("Bad subscription string.");
    }

    @Test
    void restSnapshotCarriesItsMicrotimestamp() {
        var s = rest(REST, "btcusd").snapshot();
        assertThat(s.header().symbol()).isEqualTo("BTC/USD");
        assertThat(s.header().conn()).isEqualTo("rest-1");
        assertThat(s.header().exchangeTimeMicros()).isEqualTo(1643643489400000L);
        assertThat(s.bidPrices()).containsExactly(3750000, 3749950);
        assertThat(s.askQtys()).containsExactly(25000000);
    }

    @Test
    void fieldOrderDoesNotMatter() {
        String b = "{\"event\": \"data\", \"channel\": \"diff_order_book_btcusd\", \"data\": {\"asks\": [[\"37520.00\", \"0.25000000\"]],"
                + " \"bids\": [[\"37500.00\", \"0.01200000\"], [\"37498.00\", \"0.00000000\"]],"
                + " \"microtimestamp\": \"1643643489472516\", \"timestamp\": \"1643643489\"}}";
        assertThat(one(b)).isEqualTo(one(DIFF));
        String r = "{\"asks\": [[\"37520.00\", \"0.25000000\"]], \"bids\": [[\"37500.00\", \"0.50000000\"], [\"37499.50\", \"1.00000000\"]],"
                + " \"microtimestamp\": \"1643643489400000\", \"timestamp\": \"1643643489\"}";
        assertThat(rest(r, "btcusd")).isEqualTo(rest(REST, "btcusd"));
    }

    @Test
    void exponentsAndNumbersInLevelsAreExact() {
        var d = one("{\"event\":\"data\",\"channel\":\"diff_order_book_pepeusd\",\"data\":{\"microtimestamp\":1643643489472516,"
                + "\"bids\":[[\"1.2345e-05\",5.325e-05]],\"asks\":[[0.0000124,\"1E+3\"]]}}").delta();
        assertThat(d.header().symbol()).isEqualTo("PEPE/USD");
        assertThat(d.bidPrices()).containsExactly(12345);
        assertThat(d.askPrices()).containsExactly(12400);
        assertThat(d.priceScale()).isEqualTo(9);
        assertThat(d.bidQtys()).containsExactly(5325);
        assertThat(d.askQtys()).containsExactly(100_000_000_000L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json              | malformed_json     | {"event":
            array                 | unknown_message    | []
            no event              | unknown_message    | {"channel":"diff_order_book_btcusd","data":{}}
            unknown event         | unknown_message    | {"event":"bts:heartbeat","channel":"","data":{}}
            wrong channel         | unknown_channel    | {"event":"data","channel":"order_book_btcusd","data":{"microtimestamp":"1","bids":[],"asks":[]}}
            trade on diff channel | unknown_channel    | {"event":"trade","channel":"diff_order_book_btcusd","data":{}}
            no channel            | missing_field      | {"event":"data","data":{"microtimestamp":"1","bids":[],"asks":[]}}
            unknown pair          | invalid_symbol     | {"event":"data","channel":"diff_order_book_btcxyz","data":{"microtimestamp":"1","bids":[],"asks":[]}}
            no microtimestamp     | missing_field      | {"event":"data","channel":"diff_order_book_btcusd","data":{"timestamp":"1","bids":[],"asks":[]}}
            bad microtimestamp    | invalid_timestamp  | {"event":"data","channel":"diff_order_book_btcusd","data":{"microtimestamp":"12a","bids":[],"asks":[]}}
            negative microts      | invalid_timestamp  | {"event":"data","channel":"diff_order_book_btcusd","data":{"microtimestamp":-1,"bids":[],"asks":[]}}
            no asks               | missing_field      | {"event":"data","channel":"diff_order_book_btcusd","data":{"microtimestamp":"1","bids":[]}}
            data not object       | missing_field      | {"event":"data","channel":"diff_order_book_btcusd","data":""}
            bad amount            | invalid_number     | {"event":"data","channel":"diff_order_book_btcusd","data":{"microtimestamp":"1","bids":[["1","x"]],"asks":[]}}
            negative amount       | negative_qty       | {"event":"data","channel":"diff_order_book_btcusd","data":{"microtimestamp":"1","bids":[["1","-1"]],"asks":[]}}
            zero price            | non_positive_price | {"event":"data","channel":"diff_order_book_btcusd","data":{"microtimestamp":"1","bids":[],"asks":[["0.00","1"]]}}
            level not array       | unknown_message    | {"event":"data","channel":"diff_order_book_btcusd","data":{"microtimestamp":"1","bids":[{}],"asks":[]}}
            short level           | missing_field      | {"event":"data","channel":"diff_order_book_btcusd","data":{"microtimestamp":"1","bids":[["1"]],"asks":[]}}
            trade type 2          | unknown_message    | {"event":"trade","channel":"live_trades_btcusd","data":{"id":1,"price_str":"1","amount_str":"1","type":2}}
            trade no id           | missing_field      | {"event":"trade","channel":"live_trades_btcusd","data":{"price_str":"1","amount_str":"1","type":0}}
            trade zero amount     | invalid_number     | {"event":"trade","channel":"live_trades_btcusd","data":{"id":1,"price_str":"1","amount_str":"0","type":0}}
            trade NaN price       | invalid_number     | {"event":"trade","channel":"live_trades_btcusd","data":{"id":1,"price_str":"NaN","amount_str":"1","type":0}}
            subscribed no channel | missing_field      | {"event":"bts:subscription_succeeded","data":{}}
            """)
    void malformedFramesAreQuarantinedWithTheirReason(String name, String reason, String frame) {
        MarketEvent e = one(frame);
        assertThat(e.kind()).as(name).isEqualTo(EventKind.QUARANTINE);
        assertThat(e.quarantine().reason()).as(name + ": " + e.quarantine().detail()).isEqualTo(reason);
        assertThat(e.quarantine().venue()).isEqualTo("bitstamp");
        assertThat(e.quarantine().frame()).isEqualTo(frame);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            error body        | btcusd | missing_field     | {"status": "error", "reason": "Invalid currency pair"}
            no microtimestamp | btcusd | missing_field     | {"timestamp": "1643643489", "bids": [], "asks": []}
            bad pair          | xyz    | invalid_symbol    | {"microtimestamp": "1", "bids": [], "asks": []}
            truncated         | btcusd | malformed_json    | {"microtimestamp": "1", "bids": [
            bad time          | btcusd | invalid_timestamp | {"microtimestamp": "soon", "bids": [], "asks": []}
            negative amount   | btcusd | negative_qty      | {"microtimestamp": "1", "bids": [["1", "-2"]], "asks": []}
            """)
    void badRestBodiesAreQuarantined(String name, String pair, String reason, String body) {
        MarketEvent e = rest(body, pair);
        assertThat(e.kind()).as(name).isEqualTo(EventKind.QUARANTINE);
        assertThat(e.quarantine().reason()).as(name + ": " + e.quarantine().detail()).isEqualTo(reason);
        assertThat(e.quarantine().frame()).isEqualTo(body);
    }
}
