package io.cryptorun.functions.book;

import io.cryptorun.sources.venue.bitstamp.BitstampParser;
import io.cryptorun.sources.venue.coinbase.CoinbaseParser;
import io.cryptorun.sources.venue.gemini.GeminiParser;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.time.Rfc3339;
import io.cryptorun.sources.venue.FrameParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Coinbase, Bitstamp and Gemini events for the book operator tests, made the way replay makes
 * them: venue-native frame text through the real parsers, with receive time and a frame ordinal
 * per connection.
 */
final class VenueEvents {
    private final CoinbaseParser coinbase = new CoinbaseParser();
    private final BitstampParser bitstamp = new BitstampParser();
    private final GeminiParser gemini = new GeminiParser();
    private long ordinal;

    static String iso(long micros) {
        return Rfc3339.formatMicros(micros);
    }

    MarketEvent coinbase(long receiveMicros, String frame) {
        return single(parse(coinbase, receiveMicros, "coinbase-0", frame), frame);
    }

    MarketEvent bitstamp(long receiveMicros, String frame) {
        return single(parse(bitstamp, receiveMicros, "bitstamp-0", frame), frame);
    }

    MarketEvent bitstampRest(long receiveMicros, String pair, String body) {
        List<MarketEvent> out = new ArrayList<>();
        bitstamp.parseRestSnapshot(body, pair, receiveMicros, "bitstamp-rest-0", ordinal++, out::add);
        return single(out, body);
    }

    /** A Gemini frame's events (the initial book is a snapshot followed by its trades). */
    List<MarketEvent> gemini(long receiveMicros, String frame) {
        List<MarketEvent> out = parse(gemini, receiveMicros, "gemini-0", frame);
        if (out.isEmpty() || out.get(0).kind() == EventKind.QUARANTINE) {
            throw new AssertionError("test frame did not parse: " + out + " <" + frame + ">");
        }
        return out;
    }

    private List<MarketEvent> parse(FrameParser p, long receiveMicros, String conn, String frame) {
        List<MarketEvent> out = new ArrayList<>();
        p.parse(frame, receiveMicros, conn, ordinal++, out::add);
        return out;
    }

    private static MarketEvent single(List<MarketEvent> out, String frame) {
        if (out.size() != 1 || out.get(0).kind() == EventKind.QUARANTINE) {
            throw new AssertionError("test frame did not parse to one event: " + out + " <" + frame + ">");
        }
        return out.get(0);
    }
}
