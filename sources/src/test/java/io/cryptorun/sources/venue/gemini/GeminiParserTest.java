package io.cryptorun.sources.venue.gemini;

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
 * Frames from Gemini's market data v2 "Level 2 Data" page,
 * https://docs.gemini.com/websocket/market-data/v2/level-2-data (initial response, l2 update, trade
 * execution examples; the initial example's elided "..." levels are filled with concrete ones).
 */
class GeminiParserTest {
    static final long RECV = 1_700_000_000_123_456L;

    static List<MarketEvent> parse(String frame) {
        List<MarketEvent> out = new ArrayList<>();
        new GeminiParser().parse(frame, RECV, "gm-1", 5, out::add);
        return out;
    }

    static MarketEvent one(String frame) {
        List<MarketEvent> out = parse(frame);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    // docs: "Initial JSON response for l2 subscription" (note the example's "eventid" spelling)
    static final String DOC_INITIAL = "{\"type\": \"l2_updates\",\"symbol\": \"BTCUSD\",\"changes\": ["
            + "[\"buy\",\"9122.04\",\"0.00121425\"],[\"sell\",\"9122.07\",\"0.98942292\"]],"
            + "\"trades\": [{\"type\": \"trade\",\"symbol\": \"BTCUSD\",\"eventid\": 169841458,\"timestamp\": 1560976400428,"
            + "\"price\": \"9122.04\",\"quantity\": \"0.0073173\",\"side\": \"sell\",\"tid\": 2840140800042677}]}";
    // docs: "JSON response for l2 update"
    static final String DOC_UPDATE = "{\"type\": \"l2_updates\",\"symbol\": \"BTCUSD\",\"changes\": [[\"sell\", \"9160.20\", \"0.1921229751\"]]}";
    // docs: "JSON response for trade execution"
    static final String DOC_TRADE = "{\"type\": \"trade\",\"symbol\": \"BTCUSD\",\"event_id\": 3575573053,\"timestamp\": 151231241,"
            + "\"price\": \"9004.21000000\",\"quantity\": \"0.09110000\",\"side\": \"buy\",\"tid\": 2840140800042677}";

    @Test
    void initialMessageWithTradesIsTheFullBookThenItsTrades() {
        List<MarketEvent> out = parse(DOC_INITIAL);
        assertThat(out).extracting(MarketEvent::kind).containsExactly(EventKind.BOOK_SNAPSHOT, EventKind.TRADE);
        var s = out.get(0).snapshot();
        assertThat(s.header().venue()).isEqualTo("gemini");
        assertThat(s.header().symbol()).isEqualTo("BTC/USD");
        assertThat(s.header().exchangeTimeMicros()).isEqualTo(EventHeader.NO_TIME);
        assertThat(s.priceScale()).isEqualTo(2);
        assertThat(s.qtyScale()).isEqualTo(8);
        assertThat(s.bidPrices()).containsExactly(912204);
        assertThat(s.bidQtys()).containsExactly(121425);
        assertThat(s.askPrices()).containsExactly(912207);
        assertThat(s.askQtys()).containsExactly(98942292);
        var t = out.get(1).trade();
        assertThat(t.side()).isEqualTo(Side.SELL);
        assertThat(t.tradeId()).isEqualTo("2840140800042677");
        assertThat(t.qty()).isEqualTo(Decimal.parse("0.0073173"));
        assertThat(t.header().exchangeTimeMicros()).isEqualTo(1560976400428000L);
    }

    @Test
    void laterMessagesAreDeltas() {
        var d = one(DOC_UPDATE).delta();
        assertThat(d.header().symbol()).isEqualTo("BTC/USD");
        assertThat(d.askPrices()).containsExactly(916020);
        assertThat(d.qtyScale()).isEqualTo(10);
        assertThat(d.askQtys()).containsExactly(1921229751L);
        assertThat(d.bidPrices()).isEmpty();
        // an empty trades array still marks the initial book
        assertThat(one("{\"type\":\"l2_updates\",\"symbol\":\"ETHUSD\",\"changes\":[],\"trades\":[]}").kind())
                .isEqualTo(EventKind.BOOK_SNAPSHOT);
    }

    @Test
    void tradeEvent() {
        var t = one(DOC_TRADE).trade();
        assertThat(t.header().symbol()).isEqualTo("BTC/USD");
        assertThat(t.price()).isEqualTo(Decimal.parse("9004.21000000"));
        assertThat(t.qty()).isEqualTo(Decimal.parse("0.09110000"));
        assertThat(t.side()).isEqualTo(Side.BUY);
        assertThat(t.header().exchangeTimeMicros()).isEqualTo(151231241000L);
    }

    @Test
    void heartbeatAndAuctions() {
        assertThat(one("{\"type\":\"heartbeat\",\"timestamp\":1560976400428}").heartbeat().header().exchangeTimeMicros())
                .isEqualTo(1560976400428000L);
        assertThat(one("{\"type\":\"heartbeat\"}").kind()).isEqualTo(EventKind.HEARTBEAT);
        var a = one("{\"type\":\"auction_open\",\"symbol\":\"BTCUSD\",\"timestamp\":1}").status();
        assertThat(a.system()).isEqualTo("auction_open");
    }

    @Test
    void symbolMapping() {
        assertThat(one(DOC_UPDATE.replace("BTCUSD", "ETHBTC")).symbol()).isEqualTo("ETH/BTC");
        assertThat(one(DOC_UPDATE.replace("BTCUSD", "BTCGUSD")).symbol()).isEqualTo("BTC/GUSD");
        assertThat(one(DOC_UPDATE.replace("BTCUSD", "GUSDUSD")).symbol()).isEqualTo("GUSD/USD");
        assertThat(one(DOC_UPDATE.replace("BTCUSD", "btcusd")).symbol()).isEqualTo("BTC/USD");
    }

    @Test
    void fieldOrderDoesNotMatter() {
        String b = "{\"tid\": 2840140800042677,\"side\": \"buy\",\"quantity\": \"0.09110000\",\"price\": \"9004.21000000\","
                + "\"timestamp\": 151231241,\"event_id\": 3575573053,\"symbol\": \"BTCUSD\",\"type\": \"trade\"}";
        assertThat(one(b)).isEqualTo(one(DOC_TRADE));
        String i = "{\"trades\": [{\"tid\": 2840140800042677,\"side\": \"sell\",\"quantity\": \"0.0073173\",\"price\": \"9122.04\","
                + "\"timestamp\": 1560976400428,\"eventid\": 169841458,\"symbol\": \"BTCUSD\",\"type\": \"trade\"}],"
                + "\"changes\": [[\"buy\",\"9122.04\",\"0.00121425\"],[\"sell\",\"9122.07\",\"0.98942292\"]],"
                + "\"symbol\": \"BTCUSD\",\"type\": \"l2_updates\"}";
        assertThat(parse(i)).isEqualTo(parse(DOC_INITIAL));
    }

    @Test
    void numbersAsJsonNumbersAndExponentsAreExact() {
        var d = one("{\"type\":\"l2_updates\",\"symbol\":\"PEPEUSD\",\"changes\":[[\"buy\",1.2345e-05,\"5.325e-05\"]]}").delta();
        assertThat(d.bidPrices()).containsExactly(12345);
        assertThat(d.priceScale()).isEqualTo(9);
        assertThat(d.bidQtys()).containsExactly(5325);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json          | malformed_json     | {"type":"trade",
            array             | unknown_message    | [{}]
            no type           | unknown_message    | {"symbol":"BTCUSD"}
            candles           | unknown_channel    | {"type":"candles_1m_updates","symbol":"BTCUSD","changes":[]}
            no symbol         | missing_field      | {"type":"l2_updates","changes":[["buy","1","1"]]}
            bad symbol        | invalid_symbol     | {"type":"l2_updates","symbol":"BTCXYZ","changes":[["buy","1","1"]]}
            no changes        | missing_field      | {"type":"l2_updates","symbol":"BTCUSD"}
            empty update      | missing_field      | {"type":"l2_updates","symbol":"BTCUSD","changes":[]}
            bad side          | unknown_message    | {"type":"l2_updates","symbol":"BTCUSD","changes":[["bid","1","1"]]}
            short change      | missing_field      | {"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","1"]]}
            negative qty      | negative_qty       | {"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","1","-1"]]}
            zero price        | non_positive_price | {"type":"l2_updates","symbol":"BTCUSD","changes":[["sell","0","1"]]}
            NaN qty           | invalid_number     | {"type":"l2_updates","symbol":"BTCUSD","changes":[["sell","1","NaN"]]}
            trade no tid      | missing_field      | {"type":"trade","symbol":"BTCUSD","price":"1","quantity":"1","side":"buy"}
            trade side        | unknown_message    | {"type":"trade","symbol":"BTCUSD","price":"1","quantity":"1","side":"up","tid":1}
            trade zero qty    | invalid_number     | {"type":"trade","symbol":"BTCUSD","price":"1","quantity":"0","side":"buy","tid":1}
            trade bad time    | invalid_timestamp  | {"type":"trade","symbol":"BTCUSD","price":"1","quantity":"1","side":"buy","tid":1,"timestamp":"noon"}
            initial bad trade | missing_field      | {"type":"l2_updates","symbol":"BTCUSD","changes":[],"trades":[{"price":"1","quantity":"1","side":"buy"}]}
            initial foreign   | invalid_symbol     | {"type":"l2_updates","symbol":"BTCUSD","changes":[],"trades":[{"symbol":"ETHUSD","price":"1","quantity":"1","side":"buy","tid":1}]}
            trades not array  | unknown_message    | {"type":"l2_updates","symbol":"BTCUSD","changes":[],"trades":{}}
            """)
    void malformedFramesAreQuarantinedWithTheirReason(String name, String reason, String frame) {
        MarketEvent e = one(frame);
        assertThat(e.kind()).as(name).isEqualTo(EventKind.QUARANTINE);
        assertThat(e.quarantine().reason()).as(name + ": " + e.quarantine().detail()).isEqualTo(reason);
        assertThat(e.quarantine().venue()).isEqualTo("gemini");
        assertThat(e.quarantine().frame()).isEqualTo(frame);
    }
}
