package io.cryptorun.sources.live;

import io.cryptorun.sources.model.Subscription;
import io.cryptorun.sources.venue.FrameParser;
import io.cryptorun.sources.venue.bitstamp.BitstampParser;
import io.cryptorun.sources.venue.bitstamp.BitstampSubscriptions;
import io.cryptorun.sources.venue.coinbase.AdvancedTradeParser;
import io.cryptorun.sources.venue.coinbase.CoinbaseParser;
import io.cryptorun.sources.venue.coinbase.CoinbaseSubscriptions;
import io.cryptorun.sources.venue.gemini.GeminiParser;
import io.cryptorun.sources.venue.gemini.GeminiSubscriptions;
import io.cryptorun.sources.venue.kraken.KrakenSubscriptions;
import io.cryptorun.sources.venue.kraken.KrakenV2Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the live source must know per venue (SPEC §4): endpoint and its environment override,
 * symbol mapping from canonical {@code BASE/QUOTE}, subscribe messages (batched), the frame
 * adapter, and the default connection and subscription limits. The subscribe messages themselves
 * are the venue packages' ({@code KrakenSubscriptions}, {@code CoinbaseSubscriptions}, …): this
 * enum validates symbols to {@code [A-Z0-9]+/[A-Z0-9]+}, maps them, batches them and sends what
 * those return.
 */
public enum Venue {
    /** Kraken v2: instrument (precisions, needed before books), book depth 10, trade, ticker. */
    KRAKEN(KrakenV2Parser.VENUE, "KRAKEN_WS_URL", "wss://ws.kraken.com/v2", 25, 10) {
        @Override
        public String venueSymbol(String canonical) {
            return canonical;
        }

        @Override
        List<String> subscribeBatch(List<String> symbols, boolean first) {
            return KrakenSubscriptions.subscribe(symbols, first);
        }

        @Override
        public List<String> resubscribeBook(String canonical, boolean unsubscribeFirst) {
            return KrakenSubscriptions.resubscribeBook(venueSymbol(canonical), unsubscribeFirst);
        }

        @Override
        public boolean isBookAck(Subscription s) {
            return s.success() && "book".equals(s.channel());
        }

        @Override
        public FrameParser newParser() {
            return new KrakenV2Parser();
        }
    },
    /**
     * Coinbase Exchange: level2_batch (snapshot + l2update), matches, heartbeat per product. The
     * {@code --venues} name is {@code coinbase-exchange}: plain {@code coinbase} is Advanced Trade
     * ({@link #forOption}). Its feed carries no book sequence (see {@code docs/DATA_SOURCES.md}).
     */
    COINBASE(CoinbaseParser.VENUE, "COINBASE_WS_URL", "wss://ws-feed.exchange.coinbase.com", 10, 10) {
        @Override
        public String venueSymbol(String canonical) {
            return canonical.replace('/', '-');
        }

        @Override
        List<String> subscribeBatch(List<String> symbols, boolean first) {
            return CoinbaseSubscriptions.exchange(symbols);
        }

        /**
         * A lost snapshot: {@code level2_batch} of the one product, unsubscribed then subscribed (its
         * {@code matches} and {@code heartbeat} go on). A refusal ({@code error} naming the product): the
         * product alone subscribed again on every channel (nothing of it was subscribed).
         */
        @Override
        public List<String> resubscribeBook(String canonical, boolean unsubscribeFirst) {
            return unsubscribeFirst ? CoinbaseSubscriptions.resubscribeBook(venueSymbol(canonical), CoinbaseSubscriptions.EXCHANGE_BOOK)
                    : subscribeBatch(List.of(venueSymbol(canonical)), false);
        }

        /** Unsubscribe of its book channel, then the product on every channel (its first subscribe may have been refused). */
        @Override
        public List<String> retryBook(String canonical) {
            return coinbaseRetry(this, canonical, CoinbaseSubscriptions.EXCHANGE_BOOK);
        }

        @Override
        public boolean isBookAck(Subscription s) {
            return s.success() && "level2_batch".equals(s.channel());
        }

        @Override
        public FrameParser newParser() {
            return new CoinbaseParser();
        }
    },
    /**
     * Coinbase Advanced Trade market data: {@code heartbeats} (first, so the connection stays open),
     * then per batch {@code level2} and {@code market_trades} — one channel per subscribe message,
     * sent as soon as the socket opens (the venue drops a connection with no subscribe within 5 s).
     * Every message carries the connection's {@code sequence_num}
     * ({@link io.cryptorun.sources.venue.coinbase.AdvancedTradeSequence}). Records have venue {@code coinbase};
     * the lines, topic and loopback path say {@code coinbase-advanced}. The default Coinbase book
     * source: {@code --venues coinbase}.
     */
    COINBASE_ADVANCED(AdvancedTradeParser.FEED, "COINBASE_ADVANCED_WS_URL", "wss://advanced-trade-ws.coinbase.com", 10, 10) {
        @Override
        public String venueSymbol(String canonical) {
            return COINBASE.venueSymbol(canonical); // the same product ids
        }

        @Override
        List<String> subscribeBatch(List<String> symbols, boolean first) {
            return CoinbaseSubscriptions.advancedTrade(symbols, first);
        }

        /**
         * As {@link #COINBASE}'s: {@code level2} of the one product afresh after a lost snapshot; after a
         * refusal the product alone subscribed again ({@code level2} and {@code market_trades}).
         */
        @Override
        public List<String> resubscribeBook(String canonical, boolean unsubscribeFirst) {
            return unsubscribeFirst ? CoinbaseSubscriptions.resubscribeBook(venueSymbol(canonical), CoinbaseSubscriptions.ADVANCED_BOOK)
                    : subscribeBatch(List.of(venueSymbol(canonical)), false);
        }

        @Override
        public List<String> retryBook(String canonical) {
            return coinbaseRetry(this, canonical, CoinbaseSubscriptions.ADVANCED_BOOK);
        }

        @Override
        public boolean isBookAck(Subscription s) {
            return s.success() && "level2".equals(s.channel());
        }

        @Override
        public FrameParser newParser() {
            return new AdvancedTradeParser();
        }
    },
    /**
     * Bitstamp v2: one subscribe per channel ({@code diff_order_book_<pair>}, {@code live_trades_<pair>});
     * the book snapshot comes from REST once the diff channel is acknowledged.
     */
    BITSTAMP(BitstampParser.VENUE, "BITSTAMP_WS_URL", "wss://ws.bitstamp.net", 10, 1) {
        @Override
        public String venueSymbol(String canonical) {
            return canonical.replace("/", "").toLowerCase(Locale.ROOT);
        }

        @Override
        List<String> subscribeBatch(List<String> symbols, boolean first) {
            return BitstampSubscriptions.subscribe(symbols);
        }

        /**
         * The pair's {@code diff_order_book} channel afresh ({@code bts:unsubscribe} when it was live, then
         * {@code bts:subscribe}); its acknowledgement fetches a new REST snapshot, as on a new connection.
         */
        @Override
        public List<String> resubscribeBook(String canonical, boolean unsubscribeFirst) {
            return BitstampSubscriptions.resubscribeBook(venueSymbol(canonical), unsubscribeFirst);
        }

        @Override
        public boolean isBookAck(Subscription s) {
            return s.success() && "diff_order_book".equals(s.channel());
        }

        @Override
        public FrameParser newParser() {
            return new BitstampParser();
        }
    },
    /** Gemini market data v2: {@code l2} (first message is the full book; trades included). */
    GEMINI(GeminiParser.VENUE, "GEMINI_WS_URL", "wss://api.gemini.com/v2/marketdata", 10, 10) {
        @Override
        public String venueSymbol(String canonical) {
            return canonical.replace("/", "");
        }

        @Override
        List<String> subscribeBatch(List<String> symbols, boolean first) {
            return GeminiSubscriptions.subscribe(symbols);
        }

        /**
         * The symbol's {@code l2} afresh ({@code unsubscribe}, then {@code subscribe}: the first message
         * is the full book). v2 acknowledges neither, so the symbol's updates are taken as still in
         * flight until that book arrives.
         */
        @Override
        public List<String> resubscribeBook(String canonical, boolean unsubscribeFirst) {
            return GeminiSubscriptions.resubscribeBook(venueSymbol(canonical), unsubscribeFirst);
        }

        @Override
        public FrameParser newParser() {
            return new GeminiParser();
        }
    };

    /** Kraken book depth subscribed (the checksum covers the top 10). */
    public static final int BOOK_DEPTH = KrakenSubscriptions.BOOK_DEPTH;
    /** Environment override of Bitstamp's REST base ({@code https://www.bitstamp.net}). */
    public static final String BITSTAMP_API_BASE_ENV = "BITSTAMP_API_BASE";
    public static final String BITSTAMP_DEFAULT_API_BASE = "https://www.bitstamp.net";

    private final String id;
    private final String urlEnv;
    private final String defaultUrl;
    private final int symbolsPerConnection;
    private final int symbolsPerMessage;

    Venue(String id, String urlEnv, String defaultUrl, int symbolsPerConnection, int symbolsPerMessage) {
        this.id = id;
        this.urlEnv = urlEnv;
        this.defaultUrl = defaultUrl;
        this.symbolsPerConnection = symbolsPerConnection;
        this.symbolsPerMessage = symbolsPerMessage;
    }

    /** The venue id used in records and fixture lines ({@code kraken}, ...). */
    public String id() {
        return id;
    }

    /** The venue of this feed's records: {@link #id()}, except Advanced Trade's, which are {@code coinbase}. */
    public String recordVenue() {
        return this == COINBASE_ADVANCED ? AdvancedTradeParser.VENUE : id;
    }

    public String urlEnv() {
        return urlEnv;
    }

    public String defaultUrl() {
        return defaultUrl;
    }

    /** The endpoint: the environment override when set, else the venue's public endpoint. */
    public String url(Map<String, String> env) {
        String v = env.get(urlEnv);
        return v == null || v.isBlank() ? defaultUrl : v;
    }

    /** Bitstamp's REST base for the book snapshot (environment override {@value #BITSTAMP_API_BASE_ENV}). */
    public static String bitstampApiBase(Map<String, String> env) {
        String v = env.get(BITSTAMP_API_BASE_ENV);
        return v == null || v.isBlank() ? BITSTAMP_DEFAULT_API_BASE : v;
    }

    /** Default symbols per connection shard. */
    public int symbolsPerConnection() {
        return symbolsPerConnection;
    }

    /** The venue's spelling of a canonical {@code BASE/QUOTE} symbol. */
    public abstract String venueSymbol(String canonical);

    /** A fresh frame adapter (not thread-safe: one per reader). */
    public abstract FrameParser newParser();

    abstract List<String> subscribeBatch(List<String> venueSymbols, boolean first);

    /**
     * The messages that take one symbol's book subscription afresh on a live connection (a new
     * snapshot follows), or null when this adapter resubscribes by reconnecting the whole connection.
     * Kraken v2 and Bitstamp ({@code bts:unsubscribe}/{@code bts:subscribe} of the diff channel)
     * retry a lost snapshot and a refusal per symbol; Coinbase (both APIs: {@code unsubscribe}/
     * {@code subscribe} of the book channel per product; after a refusal the product's {@code subscribe}
     * alone) likewise; Gemini v2 ({@code unsubscribe}/{@code subscribe} of {@code l2} per symbol) a lost
     * snapshot — it has no refusal (docs/DATA_SOURCES.md, "Dark symbols").
     *
     * @param unsubscribeFirst true when the symbol is subscribed (its snapshot was lost), false after a refusal
     */
    public List<String> resubscribeBook(String canonical, boolean unsubscribeFirst) {
        return null;
    }

    /**
     * True for the venue's acknowledgement of one symbol's book subscription: a resubscribed symbol's
     * fresh snapshot comes next, so an update after it without one is a gap again. False on a venue
     * that acknowledges nothing (Gemini v2: the fresh book itself ends the wait).
     */
    public boolean isBookAck(Subscription s) {
        return false;
    }

    /**
     * The messages after a resubscribe the venue never answered within the resubscribe timeout (or,
     * on Coinbase, a product still without a book after a refusal of its subscribe message): the
     * book afresh, unsubscribed first (the venue may hold a silent subscription). Null when this
     * adapter resubscribes by reconnecting.
     */
    public List<String> retryBook(String canonical) {
        return resubscribeBook(canonical, true);
    }

    /** Coinbase after a timeout: unsubscribe of the book channel(s) {@code channels}, then the product on every channel. */
    private static List<String> coinbaseRetry(Venue v, String canonical, String channels) {
        List<String> m = new ArrayList<>();
        m.add(CoinbaseSubscriptions.resubscribeBook(v.venueSymbol(canonical), channels).get(0));
        m.addAll(v.subscribeBatch(List.of(v.venueSymbol(canonical)), false));
        return m;
    }

    /**
     * The subscribe messages for canonical symbols, one list per batch: a batch is sent when the
     * subscription token bucket gives a token, so a large shard does not trip the venue's limit.
     */
    public List<List<String>> subscribeBatches(List<String> canonicalSymbols) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < canonicalSymbols.size(); i += symbolsPerMessage) {
            List<String> venueSymbols = new ArrayList<>();
            for (String s : canonicalSymbols.subList(i, Math.min(canonicalSymbols.size(), i + symbolsPerMessage))) {
                venueSymbols.add(venueSymbol(checkCanonical(s)));
            }
            batches.add(subscribeBatch(venueSymbols, i == 0));
        }
        return batches;
    }

    /** The feed whose lines, topic and loopback path carry {@code id} ({@link #id()}). */
    public static Venue of(String id) {
        for (Venue v : values()) {
            if (v.id.equalsIgnoreCase(id)) return v;
        }
        throw new IllegalArgumentException("unknown venue '" + id + "' (kraken, coinbase, coinbase-exchange, bitstamp, gemini)");
    }

    /**
     * The feed a {@code --venues} name selects: {@code coinbase} is Coinbase's default book source,
     * Advanced Trade; {@code coinbase-exchange} the Exchange feed ({@code level2_batch});
     * {@code coinbase-advanced} names Advanced Trade too; the others are their ids.
     */
    public static Venue forOption(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (n) {
            case "coinbase" -> COINBASE_ADVANCED;
            case "coinbase-exchange" -> COINBASE;
            default -> of(n);
        };
    }

    /** The {@code --venues} name of this feed (inverse of {@link #forOption}). */
    public String optionName() {
        return switch (this) {
            case COINBASE_ADVANCED -> "coinbase";
            case COINBASE -> "coinbase-exchange";
            default -> id;
        };
    }

    /** {@code BASE/QUOTE} in upper-case letters and digits, else an exception naming the symbol. */
    public static String checkCanonical(String symbol) {
        if (!symbol.matches("[A-Z0-9]{1,16}/[A-Z0-9]{1,16}")) {
            throw new IllegalArgumentException("symbol '" + symbol + "' is not BASE/QUOTE in upper case");
        }
        return symbol;
    }
}
