package io.cryptorun.sources.venue.kraken;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.venue.VenueFuzz;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzz: seeded random Kraken-shaped frames (plausible and broken values, any field order, unknown
 * fields, wrong shapes) plus char-level mutations of them. One reused parser must never throw,
 * must emit either exactly one quarantine or only events (none only for an instrument frame
 * without pairs), and the generator must reach every outcome. (When the parser moved from
 * Jackson to {@code JsonCursor}, this test also compared every outcome with the old parser; the
 * tokenizer itself stays differentially tested against Jackson in {@code JsonCursorDifferentialTest}.)
 */
class KrakenV2ParserFuzzTest {
    static final long RECV = 1_700_000_000_123_456L;

    @Test
    void randomFramesNeverThrowAndAlwaysEmitEventsOrOneQuarantine() {
        Random r = new Random(424_242L);
        KrakenV2Parser parser = new KrakenV2Parser();
        Map<String, Integer> outcomes = new HashMap<>();
        int frames = 30_000;
        for (int i = 0; i < frames; i++) {
            String frame = new FrameGen(r).frame();
            if (r.nextInt(3) == 0) frame = VenueFuzz.mutate(frame, r);
            List<MarketEvent> got = new ArrayList<>();
            try {
                parser.parse(frame, RECV, "conn", i, got::add);
            } catch (Throwable t) {
                throw new AssertionError("parser threw on frame <" + frame + ">", t);
            }
            long quarantines = got.stream().filter(e -> e.kind() == EventKind.QUARANTINE).count();
            if (quarantines > 0) {
                assertThat(got).as(frame).hasSize(1);
            } else if (got.isEmpty()) {
                // the one legitimate empty outcome: an instrument snapshot listing no pairs
                assertThat(frame).contains("\"instrument\"");
            }
            if (quarantines > 0) {
                var q = got.get(0).quarantine();
                assertThat(List.of(q.venue(), q.conn(), q.frame(), q.frameOrdinal(), q.receiveTimeMicros()))
                        .as("provenance of " + frame).isEqualTo(List.of("kraken", "conn", frame, (long) i, RECV));
            }
            String key = got.isEmpty() ? "(none)" : quarantines > 0 ? got.get(0).quarantine().reason() : got.get(0).kind().name();
            outcomes.merge(key, 1, Integer::sum);
        }
        // the generator must reach every kind of outcome, not just malformed_json
        assertThat(outcomes).containsKeys("BOOK_SNAPSHOT", "BOOK_DELTA", "TRADE", "TICKER", "INSTRUMENT", "HEARTBEAT",
                "STATUS", "SUBSCRIPTION", "malformed_json", "unknown_channel", "unknown_message", "missing_field",
                "invalid_number", "negative_qty", "non_positive_price", "invalid_timestamp");
        assertThat(outcomes.get("malformed_json")).as(outcomes.toString()).isLessThan(frames / 2);
    }

    /** Kraken v2 frames built field by field from pools of good and bad values, in random order. */
    static final class FrameGen {
        static final String[] CHANNELS = {"book", "book", "book", "trade", "trade", "ticker", "instrument", "heartbeat", "status", "candles", ""};
        static final String[] TYPES = {"snapshot", "update", "update", "delta"};
        static final String[] SYMBOLS = {"BTC/USD", "ETH/USD", "PEPE/USD", "", "B\\u0054C/USD", "ключ/USD"};
        static final String[] PRICES = {"45283.5", "0.5117", "1.2345e-05", "45285.2", "2000.1", "1", "100.25"};
        static final String[] QTYS = {"0.10000000", "1.54582015", "5.325e-05", "0", "40.0", "0.00100000", "3"};
        static final String[] BAD_NUMBERS = {
            "-1.5", "0", "-0", "1e400", "99999999999999999999", "1.0000000000000000001", "\"12.5\"", "\"abc\"", "\"NaN\"",
            "null", "true", "[]", "{}", "\"\"", "1E+3", "0.1e-30",
        };
        static final String[] TIMESTAMPS = {
            "\"2023-10-06T17:35:55.440295Z\"", "\"2023-09-25T07:49:37.708706Z\"", "\"2023-10-06T17:35:55+02:00\"",
            "\"yesterday\"", "\"2023-02-30T00:00:00Z\"", "1696613755", "null", "\"2023-10-06T17:35:55.440295\\u005A\"",
        };
        static final String[] CHECKSUMS = {"3310070434", "0", "42", "4294967295", "4294967296", "-1", "1.5", "\"42\"",
            "99999999999999999999", "null"};
        static final String[] JUNK = {
            "1", "\"x\"", "null", "[1,{\"a\":[true,false]}]", "{\"nested\":{\"deep\":[[[]]]}}", "-0.0", "\"\\uD83D\\uDE00\"",
            "[" + "[".repeat(20) + "]".repeat(20) + "]", "[" + "[".repeat(40) + "]".repeat(40) + "]",
        };

        final Random r;

        FrameGen(Random r) {
            this.r = r;
        }

        <T> T pick(T[] a) {
            return a[r.nextInt(a.length)];
        }

        boolean chance(int percent) {
            return r.nextInt(100) < percent;
        }

        String str(String s) {
            return "\"" + s + "\"";
        }

        String frame() {
            return chance(12) ? methodFrame() : channelFrame();
        }

        String channelFrame() {
            String channel = pick(CHANNELS);
            List<String> fields = new ArrayList<>();
            if (chance(97)) fields.add("\"channel\":" + (chance(97) ? str(channel) : "7"));
            if (chance(90)) fields.add("\"type\":" + (chance(97) ? str(pick(TYPES)) : "null"));
            if (chance(95)) fields.add("\"data\":" + data(channel));
            if (chance(10)) fields.add("\"" + (chance(50) ? "x" : "result") + "\":" + pick(JUNK));
            return object(fields);
        }

        String data(String channel) {
            if (channel.equals("instrument") && chance(90)) return instrumentData();
            if (chance(3)) return pick(JUNK);
            int n = chance(8) ? 0 : chance(80) ? 1 : 2 + r.nextInt(2);
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                entries.add(chance(3) ? pick(JUNK) : entry(channel));
            }
            return "[" + String.join(",", entries) + "]";
        }

        String entry(String channel) {
            List<String> f = new ArrayList<>();
            if (chance(96)) f.add("\"symbol\":" + (chance(97) ? str(pick(SYMBOLS)) : "1"));
            switch (channel) {
                case "book" -> {
                    if (chance(95)) f.add("\"bids\":" + levels());
                    if (chance(95)) f.add("\"asks\":" + levels());
                    if (chance(80)) f.add("\"checksum\":" + pick(CHECKSUMS));
                    if (chance(60)) f.add("\"timestamp\":" + pick(TIMESTAMPS));
                }
                case "trade" -> {
                    if (chance(96)) f.add("\"side\":" + str(chance(95) ? (chance(50) ? "buy" : "sell") : "hold"));
                    if (chance(96)) f.add("\"price\":" + number(PRICES));
                    if (chance(96)) f.add("\"qty\":" + number(QTYS));
                    if (chance(70)) f.add("\"ord_type\":" + (chance(90) ? "\"market\"" : "3"));
                    if (chance(70)) f.add("\"trade_id\":" + (chance(80) ? "4665906" : chance(50) ? "\"t-1\"" : "null"));
                    if (chance(80)) f.add("\"timestamp\":" + pick(TIMESTAMPS));
                }
                case "ticker" -> {
                    for (String k : new String[] {"bid", "ask", "last", "volume", "bid_qty", "vwap", "change_pct"}) {
                        if (chance(85)) f.add("\"" + k + "\":" + number(PRICES));
                    }
                }
                case "status" -> {
                    if (chance(90)) f.add("\"system\":" + (chance(90) ? "\"online\"" : "1"));
                    if (chance(90)) f.add("\"version\":" + (chance(90) ? "\"2.0.4\"" : "2"));
                    if (chance(50)) f.add("\"connection_id\":12393906104898154338");
                }
                default -> {
                    if (chance(50)) f.add("\"price\":" + number(PRICES));
                }
            }
            if (chance(15)) f.add("\"extra\":" + pick(JUNK));
            return object(f);
        }

        String levels() {
            if (chance(3)) return pick(JUNK);
            int n = r.nextInt(4);
            List<String> lv = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (chance(2)) {
                    lv.add(pick(JUNK));
                    continue;
                }
                List<String> f = new ArrayList<>();
                if (chance(97)) f.add("\"price\":" + number(PRICES));
                if (chance(97)) f.add("\"qty\":" + number(QTYS));
                if (chance(5)) f.add("\"note\":" + pick(JUNK));
                lv.add(object(f));
            }
            return "[" + String.join(",", lv) + "]";
        }

        String number(String[] good) {
            return chance(92) ? pick(good) : pick(BAD_NUMBERS);
        }

        String instrumentData() {
            List<String> pairs = new ArrayList<>();
            int n = r.nextInt(3);
            for (int i = 0; i < n; i++) {
                List<String> f = new ArrayList<>();
                if (chance(95)) f.add("\"symbol\":" + str(pick(SYMBOLS)));
                if (chance(90)) f.add("\"base\":\"BTC\"");
                if (chance(90)) f.add("\"quote\":" + (chance(95) ? "\"USD\"" : "5"));
                if (chance(90)) f.add("\"status\":\"online\"");
                if (chance(95)) f.add("\"price_precision\":" + (chance(90) ? "1" : pick(new String[] {"-1", "19", "1.5", "\"1\"", "3000000000"})));
                if (chance(95)) f.add("\"qty_precision\":" + (chance(90) ? "8" : pick(new String[] {"-1", "19", "null"})));
                if (chance(30)) f.add("\"qty_increment\":0.00000001");
                pairs.add(object(f));
            }
            List<String> d = new ArrayList<>();
            if (chance(95)) d.add("\"pairs\":" + (chance(97) ? "[" + String.join(",", pairs) + "]" : "{}"));
            if (chance(50)) d.add("\"assets\":[{\"id\":\"USD\",\"precision\":4}]");
            return object(d);
        }

        String methodFrame() {
            List<String> f = new ArrayList<>();
            f.add("\"method\":" + str(pick(new String[] {"subscribe", "unsubscribe", "pong", "ping", "add_order"})));
            if (chance(80)) {
                List<String> res = new ArrayList<>();
                if (chance(90)) res.add("\"channel\":" + (chance(95) ? "\"book\"" : "1"));
                if (chance(80)) res.add("\"depth\":" + (chance(90) ? "25" : pick(new String[] {"\"25\"", "2.5", "3000000000"})));
                if (chance(80)) res.add("\"symbol\":" + (chance(90) ? "\"BTC/USD\"" : "null"));
                if (chance(50)) res.add("\"snapshot\":true");
                f.add("\"result\":" + (chance(95) ? object(res) : pick(JUNK)));
            }
            if (chance(80)) f.add("\"success\":" + (chance(80) ? "true" : "false"));
            if (chance(20)) f.add("\"error\":" + (chance(70) ? "\"Currency pair not supported\"" : "null"));
            if (chance(40)) f.add("\"time_in\":\"2023-09-25T09:04:31.742599Z\"");
            return object(f);
        }

        String object(List<String> fields) {
            Collections.shuffle(fields, r);
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) sb.append(',');
                if (chance(3)) sb.append(" \n\t".charAt(r.nextInt(3)));
                sb.append(fields.get(i));
            }
            return sb.append('}').toString();
        }
    }
}
