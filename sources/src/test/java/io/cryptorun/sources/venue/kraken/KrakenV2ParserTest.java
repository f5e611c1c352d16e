package io.cryptorun.sources.venue.kraken;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.model.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KrakenV2ParserTest {
    static final long RECV = 1_700_000_000_123_456L;

    static List<MarketEvent> parse(String frame) {
        List<MarketEvent> out = new ArrayList<>();
        new KrakenV2Parser().parse(frame, RECV, "conn-1", 7, out::add);
        return out;
    }

    static MarketEvent one(String frame) {
        List<MarketEvent> out = parse(frame);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void bookSnapshotWithGuideNumbers() {
        MarketEvent e = one("{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"BTC/USD\","
                + "\"bids\":[{\"price\":45283.5,\"qty\":0.10000000},{\"price\":45283.4,\"qty\":1.54582015}],"
                + "\"asks\":[{\"price\":45285.2,\"qty\":0.00100000}],\"checksum\":3310070434}]}");
        assertThat(e.kind()).isEqualTo(EventKind.BOOK_SNAPSHOT);
        var s = e.snapshot();
        assertThat(s.header().symbol()).isEqualTo("BTC/USD");
        assertThat(s.header().venue()).isEqualTo("kraken");
        assertThat(s.header().conn()).isEqualTo("conn-1");
        assertThat(s.header().frameOrdinal()).isEqualTo(7);
        assertThat(s.header().exchangeTimeMicros()).isEqualTo(EventHeader.NO_TIME);
        assertThat(s.header().eventTimeMicros()).isEqualTo(RECV);
        assertThat(s.priceScale()).isEqualTo(1);
        assertThat(s.qtyScale()).isEqualTo(8);
        assertThat(s.bidPrices()).containsExactly(452835, 452834);
        assertThat(s.bidQtys()).containsExactly(10000000, 154582015);
        assertThat(s.askPrices()).containsExactly(452852);
        assertThat(s.askQtys()).containsExactly(100000);
        assertThat(s.checksum()).isEqualTo(3310070434L);
    }

    @Test
    void exponentQuantityIsExact() {
        MarketEvent e = one("{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"PEPE/USD\","
                + "\"bids\":[{\"price\":1.2345e-05,\"qty\":5.325e-05}],\"asks\":[],\"checksum\":1,"
                + "\"timestamp\":\"2023-10-06T17:35:55.440295Z\"}]}");
        var d = e.delta();
        assertThat(d.qtyScale()).isEqualTo(8);
        assertThat(d.bidQtys()).containsExactly(5325);
        assertThat(d.priceScale()).isEqualTo(9);
        assertThat(d.bidPrices()).containsExactly(12345);
        assertThat(d.header().exchangeTimeMicros()).isEqualTo(1696613755440295L);
        assertThat(d.header().eventTimeMicros()).isEqualTo(1696613755440295L);
    }

    @Test
    void fieldOrderDoesNotMatter() {
        String a = "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"ETH/USD\",\"bids\":[{\"price\":2000.1,\"qty\":1.5}],\"asks\":[],\"checksum\":42,\"timestamp\":\"2023-10-06T17:35:55.440295Z\"}]}";
        String b = "{\"data\":[{\"timestamp\":\"2023-10-06T17:35:55.440295Z\",\"checksum\":42,\"asks\":[],\"bids\":[{\"qty\":1.5,\"price\":2000.1}],\"symbol\":\"ETH/USD\"}],\"type\":\"update\",\"channel\":\"book\"}";
        assertThat(one(b).toString()).isEqualTo(one(a).toString());
    }

    @Test
    void tradeTickerInstrumentHeartbeatStatusAck() {
        var t = one("{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"MATIC/USD\",\"side\":\"sell\","
                + "\"price\":0.5117,\"qty\":40.0,\"ord_type\":\"market\",\"trade_id\":4665906,"
                + "\"timestamp\":\"2023-09-25T07:49:37.708706Z\"}]}").trade();
        assertThat(t.price()).isEqualTo(Decimal.of(5117, 4));
        assertThat(t.qty()).isEqualTo(Decimal.of(400, 1));
        assertThat(t.side()).isEqualTo(Side.SELL);
        assertThat(t.tradeId()).isEqualTo("4665906");

        var tk = one("{\"channel\":\"ticker\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"ALGO/USD\",\"bid\":0.10025,"
                + "\"bid_qty\":740.0,\"ask\":0.10036,\"ask_qty\":1361.44813783,\"last\":0.10035,\"volume\":997038.98383185,"
                + "\"vwap\":0.10148,\"low\":0.09979,\"high\":0.10285,\"change\":-0.00017,\"change_pct\":-0.17}]}").ticker();
        assertThat(tk.bid()).isEqualTo(Decimal.of(10025, 5));
        assertThat(tk.volume24h().toPlainString()).isEqualTo("997038.98383185");

        var instr = parse("{\"channel\":\"instrument\",\"type\":\"snapshot\",\"data\":{\"assets\":[{\"id\":\"USD\",\"precision\":4}],"
                + "\"pairs\":[{\"symbol\":\"BTC/USD\",\"base\":\"BTC\",\"quote\":\"USD\",\"status\":\"online\",\"qty_precision\":8,"
                + "\"qty_increment\":0.00000001,\"price_precision\":1,\"cost_precision\":5,\"marginable\":true,"
                + "\"price_increment\":0.1,\"qty_min\":0.0001},{\"symbol\":\"ETH/USD\",\"base\":\"ETH\",\"quote\":\"USD\","
                + "\"status\":\"online\",\"qty_precision\":8,\"price_precision\":2}]}}");
        assertThat(instr).extracting(MarketEvent::kind).containsOnly(EventKind.INSTRUMENT);
        assertThat(instr.get(0).instrument().pricePrecision()).isEqualTo(1);
        assertThat(instr.get(1).instrument().pricePrecision()).isEqualTo(2);
        assertThat(instr.get(1).instrument().qtyPrecision()).isEqualTo(8);

        assertThat(one("{\"channel\":\"heartbeat\"}").kind()).isEqualTo(EventKind.HEARTBEAT);
        var st = one("{\"channel\":\"status\",\"data\":[{\"api_version\":\"v2\",\"connection_id\":12393906104898154338,"
                + "\"system\":\"online\",\"version\":\"2.0.4\"}],\"type\":\"update\"}").status();
        assertThat(st.system()).isEqualTo("online");

        var ack = one("{\"method\":\"subscribe\",\"result\":{\"channel\":\"book\",\"depth\":25,\"snapshot\":true,"
                + "\"symbol\":\"BTC/USD\"},\"success\":true,\"time_in\":\"2023-09-25T09:04:31.742599Z\","
                + "\"time_out\":\"2023-09-25T09:04:31.742648Z\"}").subscription();
        assertThat(ack.channel()).isEqualTo("book");
        assertThat(ack.depth()).isEqualTo(25);
        assertThat(ack.success()).isTrue();
        assertThat(ack.header().symbol()).isEqualTo("BTC/USD");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":1.0,\"qty\":|malformed_json",
        "not json at all|malformed_json",
        "{\"channel\":\"book\"} trailing|malformed_json",
        "{\"channel\":\"candles\",\"data\":[]}|unknown_channel",
        "[1,2,3]|unknown_message",
        "{\"foo\":1}|unknown_message",
        "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":45000.1,\"qty\":-1.5}],\"asks\":[],\"checksum\":1}]}|negative_qty",
        "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":45000.1,\"qty\":\"abc\"}],\"asks\":[],\"checksum\":1}]}|invalid_number",
        "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":45000.1,\"qty\":\"NaN\"}],\"asks\":[],\"checksum\":1}]}|invalid_number",
        "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":45000.1,\"qty\":NaN}],\"asks\":[],\"checksum\":1}]}|malformed_json",
        "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":45000.1,\"qty\":true}],\"asks\":[],\"checksum\":1}]}|invalid_number",
        "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"bids\":[],\"asks\":[],\"checksum\":1}]}|missing_field",
        "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":0,\"qty\":1}],\"asks\":[]}]}|non_positive_price",
        "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[],\"asks\":[],\"timestamp\":\"yesterday\"}]}|invalid_timestamp",
        "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"side\":\"sell\",\"price\":1.5}]}|missing_field",
    })
    void badFramesAreQuarantinedWithReason(String frame, String reason) {
        MarketEvent e = one(frame);
        assertThat(e.kind()).isEqualTo(EventKind.QUARANTINE);
        assertThat(e.quarantine().reason()).isEqualTo(reason);
        assertThat(e.quarantine().frame()).isEqualTo(frame);
        assertThat(e.quarantine().conn()).isEqualTo("conn-1");
        assertThat(e.quarantine().frameOrdinal()).isEqualTo(7);
        assertThat(e.quarantine().receiveTimeMicros()).isEqualTo(RECV);
    }

    @Test
    void reasonCodesAreTheDeclaredOnes() {
        assertThat(QuarantineReason.NEGATIVE_QTY).isEqualTo("negative_qty");
    }

    @Test
    void parserIsReusableAfterBadFrame() {
        KrakenV2Parser p = new KrakenV2Parser();
        List<MarketEvent> out = new ArrayList<>();
        p.parse("{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"A/USD\",\"bids\":[{\"price\":1,\"qty\":-1}]}]}", RECV, "c", 0, out::add);
        p.parse("{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"A/USD\",\"bids\":[{\"price\":1,\"qty\":2}],\"asks\":[]}]}", RECV, "c", 1, out::add);
        assertThat(out).extracting(MarketEvent::kind).containsExactly(EventKind.QUARANTINE, EventKind.BOOK_SNAPSHOT);
        assertThat(out.get(1).snapshot().bidQtys()).containsExactly(2);
    }
}
