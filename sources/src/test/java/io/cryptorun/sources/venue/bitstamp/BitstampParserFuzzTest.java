package io.cryptorun.sources.venue.bitstamp;

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

/** Seeded fuzz of Bitstamp-shaped frames and REST bodies: see {@link VenueFuzz} for the invariants. */
class BitstampParserFuzzTest {
    static final String[] EVENTS = {"data", "data", "data", "trade", "trade", "bts:subscription_succeeded",
        "bts:unsubscription_succeeded", "bts:request_reconnect", "bts:error", "bts:heartbeat", ""};
    static final String[] CHANNELS = {"diff_order_book_btcusd", "diff_order_book_ethusd", "live_trades_btcusd",
        "live_trades_usdcusdt", "order_book_btcusd", "diff_order_book_xyz", "", "diff_order_book_"};
    static final String[] PRICES = {"\"37500.00\"", "\"0.5117\"", "\"1.2345e-05\"", "37510", "2000.1", "\"1\""};
    static final String[] AMOUNTS = {"\"0.01200000\"", "\"0\"", "\"0.00000000\"", "0.0012", "\"5.325e-05\"", "3"};
    static final String[] MICROS = {"\"1643643489472516\"", "1643643489472516", "\"12a\"", "\"\"", "-1", "1.5",
        "\"9999999999999999999\"", "null"};

    static String frame(Random r) {
        String event = pick(r, EVENTS);
        List<String> f = new ArrayList<>();
        if (chance(r, 96)) f.add("\"event\":" + (chance(r, 97) ? str(event) : "1"));
        if (chance(r, 95)) f.add("\"channel\":" + (chance(r, 97) ? str(pick(r, CHANNELS)) : "[]"));
        if (chance(r, 95)) f.add("\"data\":" + (chance(r, 95) ? data(r, event) : pick(r, JUNK)));
        if (chance(r, 10)) f.add("\"extra\":" + pick(r, JUNK));
        return object(r, f);
    }

    static String data(Random r, String event) {
        List<String> f = new ArrayList<>();
        switch (event) {
            case "data" -> book(r, f);
            case "trade" -> {
                if (chance(r, 95)) f.add("\"id\":" + (chance(r, 90) ? "217011934" : pick(r, JUNK)));
                if (chance(r, 70)) f.add("\"price_str\":" + number(r, PRICES));
                if (chance(r, 70)) f.add("\"price\":" + number(r, PRICES));
                if (chance(r, 70)) f.add("\"amount_str\":" + number(r, AMOUNTS));
                if (chance(r, 70)) f.add("\"amount\":" + number(r, AMOUNTS));
                if (chance(r, 95)) f.add("\"type\":" + (chance(r, 90) ? String.valueOf(r.nextInt(2)) : pick(r, new String[] {"2", "\"0\"", "-1"})));
                if (chance(r, 80)) f.add("\"microtimestamp\":" + pick(r, MICROS));
                if (chance(r, 50)) f.add("\"timestamp\":\"1643643489\"");
            }
            case "bts:error" -> {
                if (chance(r, 80)) f.add("\"message\":\"Bad subscription string.\"");
                if (chance(r, 50)) f.add("\"code\":null");
            }
            case "bts:request_reconnect" -> {
                return chance(r, 80) ? "\"\"" : "{}";
            }
            default -> {
                if (chance(r, 30)) f.add("\"x\":" + pick(r, JUNK));
            }
        }
        return object(r, f);
    }

    static void book(Random r, List<String> f) {
        if (chance(r, 95)) f.add("\"bids\":" + levels(r));
        if (chance(r, 95)) f.add("\"asks\":" + levels(r));
        if (chance(r, 92)) f.add("\"microtimestamp\":" + (chance(r, 90) ? MICROS[0] : pick(r, MICROS)));
        if (chance(r, 60)) f.add("\"timestamp\":\"1643643489\"");
    }

    static String levels(Random r) {
        if (chance(r, 3)) return pick(r, JUNK);
        int n = r.nextInt(4);
        List<String> lv = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (chance(r, 2)) {
                lv.add(pick(r, JUNK));
                continue;
            }
            List<String> t = new ArrayList<>();
            if (chance(r, 98)) t.add(number(r, PRICES));
            if (chance(r, 98)) t.add(number(r, AMOUNTS));
            if (chance(r, 5)) t.add("\"1453497263603712\"");
            lv.add("[" + String.join(",", t) + "]");
        }
        return "[" + String.join(",", lv) + "]";
    }

    static String number(Random r, String[] good) {
        return chance(r, 92) ? pick(r, good) : pick(r, BAD_NUMBERS);
    }

    static String restBody(Random r) {
        List<String> f = new ArrayList<>();
        if (chance(r, 5)) {
            f.add("\"status\":\"error\"");
            f.add("\"reason\":\"Invalid currency pair\"");
        } else {
            book(r, f);
        }
        return object(r, f);
    }

    @Test
    void randomFramesNeverThrowAndAlwaysEmitEventsOrOneQuarantine() {
        BitstampParser parser = new BitstampParser();
        Map<String, Integer> outcomes = VenueFuzz.run("bitstamp", 626_262L, 30_000, BitstampParserFuzzTest::frame, parser::parse);
        assertThat(outcomes).containsKeys("BOOK_DELTA", "TRADE", "SUBSCRIPTION", "STATUS", "malformed_json",
                "unknown_channel", "unknown_message", "missing_field", "invalid_number", "negative_qty", "non_positive_price",
                "invalid_timestamp", "invalid_symbol");
    }

    @Test
    void randomRestBodiesNeverThrowAndEmitOneSnapshotOrOneQuarantine() {
        BitstampParser parser = new BitstampParser();
        String[] pairs = {"btcusd", "ethusd", "xyz", ""};
        Random pr = new Random(7);
        Map<String, Integer> outcomes = VenueFuzz.run("bitstamp", 737_373L, 10_000, BitstampParserFuzzTest::restBody,
                (body, recv, conn, ord, out) -> parser.parseRestSnapshot(body, pairs[pr.nextInt(pairs.length)], recv, conn, ord, out));
        assertThat(outcomes).containsKeys("BOOK_SNAPSHOT", "malformed_json", "missing_field", "invalid_number",
                "invalid_timestamp", "invalid_symbol");
        assertThat(outcomes.keySet()).allMatch(k -> !k.equals("BOOK_DELTA") && !k.equals("TRADE"));
    }
}
