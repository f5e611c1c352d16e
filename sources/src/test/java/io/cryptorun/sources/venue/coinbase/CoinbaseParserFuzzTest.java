package io.cryptorun.sources.venue.coinbase;

import static io.cryptorun.sources.venue.VenueFuzz.BAD_NUMBERS;
import static io.cryptorun.sources.venue.VenueFuzz.JUNK;
import static io.cryptorun.sources.venue.VenueFuzz.chance;
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

/** Seeded fuzz of Coinbase-shaped frames: see {@link VenueFuzz} for the invariants. */
class CoinbaseParserFuzzTest {
    static final String[] TYPES = {"snapshot", "l2update", "l2update", "l2update", "match", "last_match", "heartbeat",
        "subscriptions", "error", "ticker", ""};
    static final String[] PRODUCTS = {"BTC-USD", "ETH-USD", "PEPE-USD", "BTCUSD", "", "B\\u0054C-USD", "ключ-USD"};
    static final String[] PRICES = {"\"10101.10\"", "\"0.5117\"", "\"1.2345e-05\"", "400.23", "\"45285.2\"", "1"};
    static final String[] SIZES = {"\"0.45054140\"", "\"0\"", "\"5.325e-05\"", "\"0.162567\"", "3", "\"40.0\""};
    static final String[] TIMES = {"\"2019-08-14T20:42:27.265Z\"", "\"2014-11-07T08:19:27.028459Z\"", "\"yesterday\"",
        "\"2023-07-04T18:14:39\"", "12", "null"};
    static final String[] INTS = {"10", "50", "0", "-1", "1.5", "\"7\"", "99999999999999999999", "null"};

    static String frame(Random r) {
        String type = pick(r, TYPES);
        List<String> f = new ArrayList<>();
        if (chance(r, 96)) f.add("\"type\":" + (chance(r, 97) ? str(type) : "3"));
        if (chance(r, 95)) f.add("\"product_id\":" + (chance(r, 97) ? str(pick(r, PRODUCTS)) : "null"));
        if (chance(r, 70)) f.add("\"time\":" + pick(r, TIMES));
        switch (type) {
            case "snapshot" -> {
                if (chance(r, 95)) f.add("\"bids\":" + levels(r, false));
                if (chance(r, 95)) f.add("\"asks\":" + levels(r, false));
            }
            case "l2update" -> {
                if (chance(r, 95)) f.add("\"changes\":" + levels(r, true));
            }
            case "match", "last_match" -> {
                if (chance(r, 95)) f.add("\"trade_id\":" + (chance(r, 90) ? "10" : pick(r, INTS)));
                if (chance(r, 80)) f.add("\"sequence\":" + (chance(r, 90) ? "50" : pick(r, INTS)));
                if (chance(r, 95)) f.add("\"price\":" + number(r, PRICES));
                if (chance(r, 95)) f.add("\"size\":" + number(r, SIZES));
                if (chance(r, 95)) f.add("\"side\":" + str(chance(r, 95) ? (chance(r, 50) ? "buy" : "sell") : "up"));
                if (chance(r, 50)) f.add("\"maker_order_id\":\"ac928c66-ca53-498f-9c13-a110027a60e8\"");
            }
            case "heartbeat" -> {
                if (chance(r, 92)) f.add("\"sequence\":" + (chance(r, 90) ? "90" : pick(r, INTS)));
                if (chance(r, 90)) f.add("\"last_trade_id\":" + (chance(r, 90) ? "20" : pick(r, INTS)));
            }
            case "subscriptions" -> {
                if (chance(r, 92)) {
                    f.add("\"channels\":" + (chance(r, 95) ? "[{\"name\":\"level2_batch\",\"product_ids\":[" + str(pick(r, PRODUCTS))
                            + "]}" + (chance(r, 50) ? ",\"heartbeat\"" : "") + "]" : pick(r, JUNK)));
                }
            }
            case "error" -> {
                if (chance(r, 90)) f.add("\"message\":\"Failed to subscribe\"");
                if (chance(r, 50)) f.add("\"reason\":" + (chance(r, 90) ? "\"bad product\"" : "1"));
            }
            default -> {
                if (chance(r, 50)) f.add("\"price\":" + number(r, PRICES));
            }
        }
        if (chance(r, 10)) f.add("\"extra\":" + pick(r, JUNK));
        return object(r, f);
    }

    static String levels(Random r, boolean withSide) {
        if (chance(r, 3)) return pick(r, JUNK);
        int n = (withSide && chance(r, 90) ? 1 : 0) + r.nextInt(3);
        List<String> lv = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (chance(r, 2)) {
                lv.add(pick(r, JUNK));
                continue;
            }
            List<String> t = new ArrayList<>();
            if (withSide && chance(r, 98)) t.add(str(chance(r, 95) ? (chance(r, 50) ? "buy" : "sell") : "hold"));
            if (chance(r, 98)) t.add(number(r, PRICES));
            if (chance(r, 98)) t.add(number(r, SIZES));
            if (chance(r, 3)) t.add(pick(r, JUNK));
            lv.add("[" + String.join(",", t) + "]");
        }
        return "[" + String.join(",", lv) + "]";
    }

    static String number(Random r, String[] good) {
        return chance(r, 92) ? pick(r, good) : pick(r, BAD_NUMBERS);
    }

    @Test
    void randomFramesNeverThrowAndAlwaysEmitEventsOrOneQuarantine() {
        CoinbaseParser parser = new CoinbaseParser();
        Map<String, Integer> outcomes = VenueFuzz.run("coinbase", 515_151L, 30_000, CoinbaseParserFuzzTest::frame, parser::parse);
        assertThat(outcomes).containsKeys("BOOK_SNAPSHOT", "BOOK_DELTA", "TRADE", "HEARTBEAT", "SUBSCRIPTION", "STATUS",
                "malformed_json", "unknown_channel", "unknown_message", "missing_field", "invalid_number", "negative_qty",
                "non_positive_price", "invalid_timestamp", "invalid_symbol");
    }
}
