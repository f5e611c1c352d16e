package io.cryptorun.sources.venue.bitstamp;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.json.JsonCursor.Token;
import io.cryptorun.sources.json.JsonCursor;
import io.cryptorun.sources.json.JsonException;
import io.cryptorun.sources.json.TextCache;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.model.Side;
import io.cryptorun.sources.model.Subscription;
import io.cryptorun.sources.model.Trade;
import io.cryptorun.sources.model.VenueStatus;
import io.cryptorun.sources.venue.BadFrame;
import io.cryptorun.sources.venue.BookSides;
import io.cryptorun.sources.venue.FrameParser;
import io.cryptorun.sources.venue.FrameReads;
import io.cryptorun.sources.venue.Symbols;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Bitstamp WebSocket API v2 ({@code wss://ws.bitstamp.net}) frame adapter, plus the REST order
 * book snapshot ({@code GET https://www.bitstamp.net/api/v2/order_book/<pair>/}). One frame of
 * text in, normalized {@link MarketEvent}s out — or exactly one {@link Quarantine}. Never throws on
 * input; stateless across frames (diff buffering lives in
 * {@link io.cryptorun.sources.venue.bitstamp.BitstampBookIntegrity}); not thread-safe.
 *
 * <ul>
 *   <li>{@code "event":"data"} on {@code diff_order_book_<pair>}: {@code data.bids}/{@code data.asks}
 *       of {@code [price, amount]} strings, amount {@code "0"} removes → BookDelta whose exchange time is
 *       {@code data.microtimestamp} (required: the book rule orders diffs by it)</li>
 *   <li>{@code "event":"trade"} on {@code live_trades_<pair>}: {@code id}, {@code price_str}/{@code amount_str}
 *       (or the numeric {@code price}/{@code amount}, read exactly from their text), {@code type} 0 = buy,
 *       1 = sell (taker side), {@code microtimestamp} → Trade</li>
 *   <li>{@code bts:subscription_succeeded} / {@code bts:unsubscription_succeeded} → Subscription
 *       (channel without the pair, e.g. {@code diff_order_book}; unsubscribe prefixed {@code -})</li>
 *   <li>{@code bts:request_reconnect} → VenueStatus {@code request_reconnect}; {@code bts:error} → VenueStatus {@code error}</li>
 * </ul>
 *
 * Pairs map {@code btcusd} → {@code BTC/USD} (split at the longest known quote currency).
 */
public final class BitstampParser extends FrameParser {
    public static final String VENUE = "bitstamp";
    public static final String DIFF_PREFIX = "diff_order_book_";
    public static final String TRADES_PREFIX = "live_trades_";

    private static final int MAX_DEPTH = 32;

    private final JsonCursor json = new JsonCursor(MAX_DEPTH, new TextCache("event", "channel", "data", "bids", "asks",
            "timestamp", "microtimestamp", "id", "price", "price_str", "amount", "amount_str", "type", "message", "code",
            "buy_order_id", "sell_order_id"));
    private final Symbols symbols = new Symbols();
    private final BookSides book = new BookSides();
    /** Channel → symbol of the channels seen so far, per prefix (bounded like {@link Symbols}' cache). */
    private final Map<String, String> diffSymbols = new HashMap<>();
    private final Map<String, String> tradeSymbols = new HashMap<>();
    private static final int MAX_CHANNELS = 4096;

    private String event;
    private String channel;
    private boolean dataIsObject;
    private boolean hasBids;
    private boolean hasAsks;
    private long micros;
    private long seconds;
    private String tradeId;
    private Decimal price;
    private Decimal priceStr;
    private Decimal amount;
    private Decimal amountStr;
    private int tradeType;
    private String message;


    public BitstampParser() {
        super(VENUE, "data", "trade", "bts:subscription_succeeded",
            "bts:unsubscription_succeeded", "bts:request_reconnect", "bts:error", "diff_order_book_btcusd",
            "live_trades_btcusd");
    }

    @Override
    protected void readAndInterpret(Consumer<MarketEvent> out) throws JsonException, BadFrame {
        FrameReads.objectFields(json.reset(frame), fields);
        interpret(out);
    }

    @Override
    protected String symbolSoFar() {
        return channelSymbol();
    }


    /**
     * Parses a REST order book body ({@code {"timestamp": "...", "microtimestamp": "...", "bids": [[price,
     * amount], ...], "asks": [...]}}) for {@code pair} (as in the URL, e.g. {@code btcusd}) into one
     * BookSnapshot whose exchange time is the {@code microtimestamp} — or one quarantine.
     * {@code conn}/{@code ordinal} identify the request for provenance.
     */
    public void parseRestSnapshot(String json, String pair, long receiveTimeMicros, String connId, long ordinalNo,
            Consumer<MarketEvent> out) {
        String symbol = pair == null ? null : symbols.fromConcatenated(pair);
        run(json, receiveTimeMicros, connId, ordinalNo, symbol == null ? "" : symbol, out, o -> {
            if (symbol == null) {
                throw new BadFrame(QuarantineReason.INVALID_SYMBOL, "", "pair '" + pair + "'");
            }
            JsonCursor p = this.json.reset(json);
            if (p.nextToken() != Token.START_OBJECT) {
                throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, symbol, "body is not a JSON object");
            }
            readBookObject(p, symbol);
            if (p.nextToken() != null) {
                throw new BadFrame(QuarantineReason.MALFORMED_JSON, symbol, "trailing content after the body");
            }
            if (!hasBids || !hasAsks) {
                throw new BadFrame(QuarantineReason.MISSING_FIELD, symbol, "order book without bids and asks"
                        + (message == null ? "" : " (" + message + ")"));
            }
            if (micros == EventHeader.NO_TIME) {
                throw new BadFrame(QuarantineReason.MISSING_FIELD, symbol, "order book without microtimestamp");
            }
            o.accept(MarketEvent.of(book.snapshot(header(symbol, micros))));
        });
    }

    @Override
    protected void reset() {
        event = channel = tradeId = message = null;
        dataIsObject = hasBids = hasAsks = false;
        micros = seconds = EventHeader.NO_TIME;
        price = priceStr = amount = amountStr = null;
        tradeType = -1;
        book.reset();
    }

    /** The symbol of the frame's channel when it has a known prefix and a mappable pair, else "". */
    private String channelSymbol() {
        if (channel == null) return "";
        String pair = pairOf(channel);
        String s = pair == null ? null : symbols.fromConcatenated(pair);
        return s == null ? "" : s;
    }

    private static String pairOf(String ch) {
        if (ch.startsWith(DIFF_PREFIX)) return ch.substring(DIFF_PREFIX.length());
        if (ch.startsWith(TRADES_PREFIX)) return ch.substring(TRADES_PREFIX.length());
        return null;
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Reads one top-level field of the frame (kept in a field: no allocation per frame). */
    private final FrameReads.FieldReader fields = this::readField;

    private void readField(JsonCursor p, String name, Token t) throws JsonException, BadFrame {
        switch (name) {
            case "event" -> event = text(p, t, name);
            case "channel" -> channel = text(p, t, name);
            case "data" -> {
                if (t == Token.START_OBJECT) {
                    dataIsObject = true;
                    readDataObject(p);
                } else {
                    p.skipChildren(); // bts:request_reconnect sends "data": ""
                }
            }
            default -> p.skipChildren();
        }
    }

    /** The {@code data} object of any event: book fields and trade fields (which ones apply is decided later). */
    private void readDataObject(JsonCursor p) throws JsonException, BadFrame {
        while (p.nextToken() == Token.FIELD_NAME) {
            String name = p.currentName();
            Token v = p.nextToken();
            switch (name) {
                case "bids" -> {
                    hasBids = true;
                    book.bids.readArrayLevels(p, v, num, null);
                }
                case "asks" -> {
                    hasAsks = true;
                    book.asks.readArrayLevels(p, v, num, null);
                }
                case "microtimestamp" -> micros = FrameReads.nonNegativeLong(p, v, null, name, QuarantineReason.INVALID_TIMESTAMP);
                case "timestamp" -> seconds = FrameReads.nonNegativeLong(p, v, null, name, QuarantineReason.INVALID_TIMESTAMP);
                case "id" -> {
                    if (v != Token.VALUE_NUMBER_INT && v != Token.VALUE_STRING) {
                        throw new BadFrame(QuarantineReason.INVALID_NUMBER, null, "trade id is not an integer");
                    }
                    tradeId = p.text();
                }
                case "price" -> price = decimal(p, v, name);
                case "price_str" -> priceStr = decimal(p, v, name);
                case "amount" -> amount = decimal(p, v, name);
                case "amount_str" -> amountStr = decimal(p, v, name);
                case "type" -> {
                    if (v != Token.VALUE_NUMBER_INT) {
                        throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "trade type is not 0 or 1");
                    }
                    long ty = FrameReads.nonNegativeLong(p, v, null, name, QuarantineReason.UNKNOWN_MESSAGE);
                    if (ty != 0 && ty != 1) {
                        throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "trade type " + ty);
                    }
                    tradeType = (int) ty;
                }
                case "message" -> message = v == Token.VALUE_STRING ? p.text() : null;
                default -> p.skipChildren();
            }
        }
    }

    /** The REST body: same book fields at the top level. */
    private void readBookObject(JsonCursor p, String symbol) throws JsonException, BadFrame {
        while (p.nextToken() == Token.FIELD_NAME) {
            String name = p.currentName();
            Token v = p.nextToken();
            switch (name) {
                case "bids" -> {
                    hasBids = true;
                    book.bids.readArrayLevels(p, v, num, symbol);
                }
                case "asks" -> {
                    hasAsks = true;
                    book.asks.readArrayLevels(p, v, num, symbol);
                }
                case "microtimestamp" -> micros = FrameReads.nonNegativeLong(p, v, symbol, name, QuarantineReason.INVALID_TIMESTAMP);
                case "timestamp" -> seconds = FrameReads.nonNegativeLong(p, v, symbol, name, QuarantineReason.INVALID_TIMESTAMP);
                case "reason", "message" -> message = v == Token.VALUE_STRING ? p.text() : null;
                default -> p.skipChildren();
            }
        }
    }

    // ---- interpreting -------------------------------------------------------------------------

    private EventHeader header(String symbol, long exchangeMicros) {
        return new EventHeader(VENUE, symbol, exchangeMicros, receiveMicros, conn, ordinal);
    }

    private String symbolOf(String prefix) throws BadFrame {
        if (channel == null) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, "", "'" + event + "' without channel");
        }
        // the channel (hence its pair) repeats on every frame: map it once, not a substring per frame
        Map<String, String> known = DIFF_PREFIX.equals(prefix) ? diffSymbols : tradeSymbols;
        String s = known.get(channel);
        if (s != null) return s;
        if (!channel.startsWith(prefix)) {
            throw new BadFrame(QuarantineReason.UNKNOWN_CHANNEL, "", "channel '" + channel + "' for event '" + event + "'");
        }
        s = symbols.fromConcatenated(channel.substring(prefix.length()));
        if (s == null) {
            throw new BadFrame(QuarantineReason.INVALID_SYMBOL, "", "channel '" + channel + "'");
        }
        if (known.size() < MAX_CHANNELS) known.put(channel, s);
        return s;
    }

    private void interpret(Consumer<MarketEvent> out) throws BadFrame {
        if (event == null) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "frame without event");
        }
        switch (event) {
            case "data" -> {
                String sym = symbolOf(DIFF_PREFIX);
                if (!dataIsObject || !hasBids || !hasAsks) {
                    throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "diff needs data with bids and asks");
                }
                if (micros == EventHeader.NO_TIME) {
                    throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "diff without microtimestamp");
                }
                out.accept(MarketEvent.of(book.delta(header(sym, micros))));
            }
            case "trade" -> interpretTrade(out);
            case "bts:subscription_succeeded", "bts:unsubscription_succeeded" -> {
                if (channel == null || channel.isEmpty()) {
                    throw new BadFrame(QuarantineReason.MISSING_FIELD, "", "subscription reply without channel");
                }
                String base = channel;
                String sym = "";
                String pair = pairOf(channel);
                if (pair != null) {
                    sym = symbols.fromConcatenated(pair);
                    if (sym == null) {
                        throw new BadFrame(QuarantineReason.INVALID_SYMBOL, "", "channel '" + channel + "'");
                    }
                    base = channel.substring(0, channel.length() - pair.length() - 1);
                }
                boolean unsubscribe = "bts:unsubscription_succeeded".equals(event);
                out.accept(MarketEvent.of(new Subscription(header(sym, EventHeader.NO_TIME),
                        unsubscribe ? "-" + base : base, 0, true, "")));
            }
            case "bts:request_reconnect" -> out.accept(MarketEvent.of(new VenueStatus(header("", EventHeader.NO_TIME),
                    "request_reconnect", "venue asks the client to reconnect")));
            case "bts:error" -> out.accept(MarketEvent.of(new VenueStatus(header(channelSymbol(), EventHeader.NO_TIME),
                    "error", message == null ? "" : message)));
            default -> throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "event '" + event + "'");
        }
    }

    private void interpretTrade(Consumer<MarketEvent> out) throws BadFrame {
        String sym = symbolOf(TRADES_PREFIX);
        Decimal px = priceStr != null ? priceStr : price;
        Decimal qty = amountStr != null ? amountStr : amount;
        if (!dataIsObject || px == null || qty == null || tradeType < 0 || tradeId == null) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "trade needs id, price, amount and type");
        }
        FrameReads.checkTrade(px.unscaled(), px.scale(), qty.unscaled(), qty.scale(), sym);
        long t = micros != EventHeader.NO_TIME ? micros
                : seconds != EventHeader.NO_TIME && seconds <= Long.MAX_VALUE / 1_000_000L ? seconds * 1_000_000L
                : EventHeader.NO_TIME;
        out.accept(MarketEvent.of(new Trade(header(sym, t), px, qty, tradeType == 0 ? Side.BUY : Side.SELL, tradeId, "")));
    }
}
