package io.cryptorun.sources.venue.gemini;

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

/** Seeded fuzz of Gemini-shaped frames: see {@link VenueFuzz} for the invariants. */
class GeminiParserFuzzTest {
    static final String[] TYPES = {"l2_updates", "l2_updates", "l2_updates", "trade", "trade", "heartbeat",
        "auction_open", "candles_1m_updates", ""};
    static final String[] SYMBOLS = {"BTCUSD", "ETHUSD", "ETHBTC", "BTCGUSD", "BTCXYZ", "", "USD"};
    static final String[] PRICES = {"\"9122.04\"", "\"9004.21000000\"", "\"1.2345e-05\"", "9122.07", "\"1\""};
    static final String[] QTYS = {"\"0.00121425\"", "\"0\"", "\"0.1921229751\"", "\"5.325e-05\"", "3"};
    static final String[] MILLIS = {"1560976400428", "151231241", "\"1560976400428\"", "\"noon\"", "-5", "1.5", "null"};

    static String frame(Random r) {
        String type = pick(r, TYPES);
        List<String> f = new ArrayList<>();
        if (chance(r, 96)) f.add("\"type\":" + (chance(r, 97) ? str(type) : "[]"));
        if (chance(r, 95)) f.add("\"symbol\":" + (chance(r, 97) ? str(pick(r, SYMBOLS)) : "1"));
        switch (type) {
            case "l2_updates" -> {
                if (chance(r, 95)) f.add("\"changes\":" + changes(r));
                if (chance(r, 25)) f.add("\"trades\":" + (chance(r, 95) ? trades(r) : pick(r, JUNK)));
                if (chance(r, 20)) f.add("\"auction_events\":[]");
            }
            case "trade" -> tradeFields(r, f);
            default -> {
                if (chance(r, 60)) f.add("\"timestamp\":" + pick(r, MILLIS));
            }
        }
        if (chance(r, 10)) f.add("\"extra\":" + pick(r, JUNK));
        return object(r, f);
    }

    static void tradeFields(Random r, List<String> f) {
        if (chance(r, 95)) f.add("\"tid\":" + (chance(r, 90) ? "2840140800042677" : pick(r, JUNK)));
        if (chance(r, 95)) f.add("\"price\":" + number(r, PRICES));
        if (chance(r, 95)) f.add("\"quantity\":" + number(r, QTYS));
        if (chance(r, 95)) f.add("\"side\":" + str(chance(r, 95) ? (chance(r, 50) ? "buy" : "sell") : "up"));
        if (chance(r, 80)) f.add("\"timestamp\":" + (chance(r, 85) ? MILLIS[0] : pick(r, MILLIS)));
        if (chance(r, 60)) f.add("\"event_id\":3575573053");
    }

    static String trades(Random r) {
        List<String> ts = new ArrayList<>();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            List<String> f = new ArrayList<>();
            if (chance(r, 80)) f.add("\"symbol\":" + str(chance(r, 90) ? "BTCUSD" : pick(r, SYMBOLS)));
            f.add("\"type\":\"trade\"");
            tradeFields(r, f);
            ts.add(object(r, f));
        }
        return "[" + String.join(",", ts) + "]";
    }

    static String changes(Random r) {
        if (chance(r, 3)) return pick(r, JUNK);
        int n = (chance(r, 90) ? 1 : 0) + r.nextInt(3);
        List<String> lv = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (chance(r, 2)) {
                lv.add(pick(r, JUNK));
                continue;
            }
            List<String> t = new ArrayList<>();
            if (chance(r, 98)) t.add(str(chance(r, 95) ? (chance(r, 50) ? "buy" : "sell") : "bid"));
            if (chance(r, 98)) t.add(number(r, PRICES));
            if (chance(r, 98)) t.add(number(r, QTYS));
            lv.add("[" + String.join(",", t) + "]");
        }
        return "[" + String.join(",", lv) + "]";
    }

    static String number(Random r, String[] good) {
        return chance(r, 92) ? pick(r, good) : pick(r, BAD_NUMBERS);
    }

    @Test
    void randomFramesNeverThrowAndAlwaysEmitEventsOrOneQuarantine() {
        GeminiParser parser = new GeminiParser();
        Map<String, Integer> outcomes = VenueFuzz.run("gemini", 838_383L, 30_000, GeminiParserFuzzTest::frame, parser::parse);
        assertThat(outcomes).containsKeys("BOOK_SNAPSHOT", "BOOK_DELTA", "TRADE", "HEARTBEAT", "STATUS", "malformed_json",
                "unknown_channel", "unknown_message", "missing_field", "invalid_number", "negative_qty", "non_positive_price",
                "invalid_timestamp", "invalid_symbol");
    }
}
