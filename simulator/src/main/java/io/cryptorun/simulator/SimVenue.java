package io.cryptorun.simulator;

import io.cryptorun.sources.venue.bitstamp.BitstampParser;
import io.cryptorun.sources.venue.coinbase.AdvancedTradeParser;
import io.cryptorun.sources.venue.coinbase.CoinbaseParser;
import io.cryptorun.sources.venue.gemini.GeminiParser;
import io.cryptorun.sources.venue.kraken.KrakenV2Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The venues the simulator renders the market for. Every venue sees the same market (the model's
 * mid, spread, depth, activity and taker volume per minute); each has its own random book and
 * trade stream, and its own wire format and book semantics: Kraken's depth-25 book that the client
 * truncates, the others' full books that delete every level they drop.
 */
public enum SimVenue {
    KRAKEN(KrakenV2Parser.VENUE),
    COINBASE(CoinbaseParser.VENUE),
    /** Coinbase Advanced Trade ({@code level2}, {@code market_trades}, {@code heartbeats}): lines of {@code coinbase-advanced}. */
    COINBASE_ADVANCED(AdvancedTradeParser.FEED),
    BITSTAMP(BitstampParser.VENUE),
    GEMINI(GeminiParser.VENUE);

    private final String id;

    SimVenue(String id) {
        this.id = id;
    }

    /** The venue id of fixture lines and records ({@code kraken}, …). */
    public String id() {
        return id;
    }

    /** Connection {@code index} of this venue: {@code coinbase-0}, … */
    String connName(int index) {
        return id + "-" + index;
    }

    /** Kraken's client truncates to the subscribed depth; the others send deletes for every level they drop. */
    boolean fullDepth() {
        return this != KRAKEN;
    }

    /**
     * The key of the symbol's book and trade random streams. Kraken keeps the symbol's own key (its
     * output is what it always was); the others mix in the venue, so their books differ.
     */
    long streamKey(String symbol) {
        return this == KRAKEN ? Rng.hash(symbol) : Rng.mix(Rng.hash(symbol), Rng.hash(id));
    }

    /** The symbol's wire renderer; {@code init} is the symbol's book stream (Kraken draws nothing from it). */
    FeedFrames frames(InstrumentSpec spec, long key, Rng init, long firstTradeId, long dataStart) {
        return switch (this) {
            case KRAKEN -> new KrakenFeedFrames(spec);
            case COINBASE -> new CoinbaseFrames(spec, key, init, firstTradeId, dataStart);
            case COINBASE_ADVANCED -> new AdvancedTradeFrames(spec);
            case BITSTAMP -> new BitstampFrames(spec, key);
            case GEMINI -> new GeminiFrames(spec, init);
        };
    }

    /** {@code kraken,coinbase} → the venues, in the given order, without repeats. */
    public static List<SimVenue> parseList(String text) {
        List<SimVenue> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String id = part.trim().toLowerCase(Locale.ROOT);
            SimVenue v = null;
            for (SimVenue c : values()) {
                if (c.id.equals(id)) v = c;
            }
            if (v == null) {
                throw new IllegalArgumentException("--venues: unknown venue '" + part.trim() + "' (known: kraken, coinbase, coinbase-advanced, bitstamp, gemini)");
            }
            if (!out.contains(v)) out.add(v);
        }
        return List.copyOf(out);
    }
}
