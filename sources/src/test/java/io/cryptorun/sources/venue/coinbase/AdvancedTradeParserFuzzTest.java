package io.cryptorun.sources.venue.coinbase;

import static io.cryptorun.sources.venue.VenueFuzz.JUNK;
import static io.cryptorun.sources.venue.VenueFuzz.array;
import static io.cryptorun.sources.venue.VenueFuzz.chance;
import static io.cryptorun.sources.venue.VenueFuzz.number;
import static io.cryptorun.sources.venue.VenueFuzz.object;
import static io.cryptorun.sources.venue.VenueFuzz.pick;
import static io.cryptorun.sources.venue.VenueFuzz.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.venue.VenueFuzz;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded fuzz of Coinbase Advanced Trade-shaped frames: see {@link VenueFuzz} for the invariants. */
class AdvancedTradeParserFuzzTest {
    static final String[] CHANNELS = {"l2_data", "l2_data", "l2_data", "market_trades", "heartbeats", "subscriptions",
        "ticker", ""};
    static final String[] PRODUCTS = CoinbaseParserFuzzTest.PRODUCTS;
    static final String[] PRICES = {"\"21921.73\"", "\"0.5117\"", "\"1.2345e-05\"", "400.23", "\"45285.2\"", "1"};
    static final String[] SIZES = {"\"0.06317902\"", "\"0\"", "\"5.325e-05\"", "\"0.162567\"", "3", "\"40.0\""};
    static final String[] TIMES = {"\"2023-02-09T20:32:50.714964855Z\"", "\"1970-01-01T00:00:00Z\"", "\"yesterday\"",
        "\"2023-07-04T18:14:39\"", "12", "null"};
    static final String[] INTS = CoinbaseParserFuzzTest.INTS;

    static String frame(Random r) {
        String channel = pick(r, CHANNELS);
        List<String> f = new ArrayList<>();
        if (chance(r, 3)) {
            f.add("\"type\":\"error\"");
            if (chance(r, 80)) f.add("\"message\":\"failure to subscribe\"");
            return object(r, f);
        }
        if (chance(r, 96)) f.add("\"channel\":" + (chance(r, 97) ? str(channel) : "3"));
        if (chance(r, 60)) f.add("\"client_id\":\"\"");
        if (chance(r, 90)) f.add("\"timestamp\":" + pick(r, TIMES));
        if (chance(r, 95)) f.add("\"sequence_num\":" + (chance(r, 90) ? Integer.toString(r.nextInt(1000)) : pick(r, INTS)));
        if (chance(r, 96)) f.add("\"events\":" + (chance(r, 96) ? events(r, channel) : pick(r, JUNK)));
        if (chance(r, 10)) f.add("\"extra\":" + pick(r, JUNK));
        return object(r, f);
    }

    static String events(Random r, String channel) {
        int n = chance(r, 5) ? 0 : 1 + (chance(r, 15) ? 1 : 0);
        List<String> evs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> e = new ArrayList<>();
            switch (channel) {
                case "l2_data" -> {
                    if (chance(r, 96)) e.add("\"type\":" + str(chance(r, 95) ? (chance(r, 25) ? "snapshot" : "update") : "delta"));
                    if (chance(r, 95)) e.add("\"product_id\":" + (chance(r, 97) ? str(pick(r, PRODUCTS)) : "null"));
                    if (chance(r, 95)) e.add("\"updates\":" + updates(r));
                }
                case "market_trades" -> {
                    if (chance(r, 96)) e.add("\"type\":" + str(chance(r, 95) ? (chance(r, 25) ? "snapshot" : "update") : "x"));
                    if (chance(r, 95)) e.add("\"trades\":" + trades(r));
                }
                case "heartbeats" -> {
                    if (chance(r, 80)) e.add("\"current_time\":\"2023-06-23 20:31:56.121961769 +0000 UTC\"");
                    if (chance(r, 90)) e.add("\"heartbeat_counter\":" + (chance(r, 90) ? "\"3049\"" : pick(r, INTS)));
                }
                case "subscriptions" -> {
                    if (chance(r, 92)) {
                        e.add("\"subscriptions\":" + (chance(r, 95) ? "{\"level2\":[" + str(pick(r, PRODUCTS)) + "]"
                                + (chance(r, 50) ? ",\"heartbeats\":[\"heartbeats\"]" : "") + "}" : pick(r, JUNK)));
                    }
                }
                default -> {
                    if (chance(r, 50)) e.add("\"price\":" + number(r, PRICES));
                }
            }
            evs.add(object(r, e));
        }
        return "[" + String.join(",", evs) + "]";
    }

    static String updates(Random r) {
        return array(r, q -> {
            List<String> u = new ArrayList<>();
            if (chance(q, 98)) u.add("\"side\":" + str(chance(q, 95) ? (chance(q, 50) ? "bid" : "offer") : "hold"));
            if (chance(q, 80)) u.add("\"event_time\":" + pick(q, TIMES));
            if (chance(q, 98)) u.add("\"price_level\":" + number(q, PRICES));
            if (chance(q, 98)) u.add("\"new_quantity\":" + number(q, SIZES));
            return object(q, u);
        });
    }

    static String trades(Random r) {
        return array(r, q -> {
            List<String> t = new ArrayList<>();
            if (chance(q, 97)) t.add("\"trade_id\":" + (chance(q, 90) ? "\"" + q.nextInt(1000) + "\"" : pick(q, INTS)));
            if (chance(q, 97)) t.add("\"product_id\":" + str(pick(q, PRODUCTS)));
            if (chance(q, 97)) t.add("\"price\":" + number(q, PRICES));
            if (chance(q, 97)) t.add("\"size\":" + number(q, SIZES));
            if (chance(q, 97)) t.add("\"side\":" + str(chance(q, 95) ? (chance(q, 50) ? "BUY" : "SELL") : "up"));
            if (chance(q, 97)) t.add("\"time\":" + pick(q, TIMES));
            return object(q, t);
        });
    }

    @Test
    void randomFramesNeverThrowAndAlwaysEmitEventsOrOneQuarantine() {
        AdvancedTradeParser parser = new AdvancedTradeParser();
        Map<String, Integer> outcomes = VenueFuzz.run("coinbase", 626_262L, 30_000, AdvancedTradeParserFuzzTest::frame, parser::parse);
        assertThat(outcomes).containsKeys("BOOK_SNAPSHOT", "BOOK_DELTA", "TRADE", "HEARTBEAT", "SUBSCRIPTION", "STATUS",
                "malformed_json", "unknown_channel", "unknown_message", "missing_field", "invalid_number", "negative_qty",
                "non_positive_price", "invalid_timestamp", "invalid_symbol");
    }
}
