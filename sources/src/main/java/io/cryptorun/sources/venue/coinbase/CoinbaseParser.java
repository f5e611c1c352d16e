package io.cryptorun.sources.venue.coinbase;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.json.JsonCursor.Token;
import io.cryptorun.sources.json.JsonCursor;
import io.cryptorun.sources.json.JsonException;
import io.cryptorun.sources.json.TextCache;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.Heartbeat;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Coinbase Exchange WebSocket feed ({@code wss://ws-feed.exchange.coinbase.com}) frame adapter,
 * channels {@code level2_batch} (and {@code level2}), {@code matches}, {@code heartbeat}: one frame
 * of text in, normalized {@link MarketEvent}s out — or exactly one {@link Quarantine}. Never throws
 * on input; stateless across frames (the per-product sequence lives in
 * {@link io.cryptorun.sources.venue.coinbase.CoinbaseBookIntegrity}); not thread-safe.
 *
 * <ul>
 *   <li>{@code snapshot} ({@code bids}/{@code asks} of {@code [price, size]}) → BookSnapshot</li>
 *   <li>{@code l2update} ({@code changes} of {@code [side, price, size]}, {@code buy} = bid,
 *       {@code sell} = ask, size {@code "0"} removes) → BookDelta</li>
 *   <li>{@code match}/{@code last_match} → Trade ({@code trade_id}, {@code time}). Coinbase's
 *       {@code side} is the <em>maker</em> order's side, so the aggressor is the opposite:
 *       {@code "side":"sell"} is an up-tick, {@link Side#BUY}</li>
 *   <li>{@code heartbeat} → Heartbeat with the product's symbol, {@code sequence} and {@code last_trade_id}</li>
 *   <li>{@code subscriptions} → one Subscription per (channel, product); {@code error} → VenueStatus</li>
 * </ul>
 *
 * Product ids map {@code BTC-USD} → {@code BTC/USD}. Prices and sizes are strings (JSON numbers
 * are accepted too) and are read exactly, never through {@code double}.
 */
public final class CoinbaseParser extends FrameParser {
    public static final String VENUE = "coinbase";

    private static final int MAX_DEPTH = 32;

    private final JsonCursor json = new JsonCursor(MAX_DEPTH, new TextCache("type", "product_id", "time", "sequence",
            "trade_id", "last_trade_id", "side", "size", "price", "changes", "bids", "asks", "message", "reason",
            "channels", "name", "product_ids", "maker_order_id", "taker_order_id"));
    private final Symbols symbols = new Symbols();
    private final BookSides book = new BookSides();
    private final List<String[]> subs = new ArrayList<>();

    private String type;
    private String productId;
    private long timeMicros;
    private long sequence;
    private long tradeId;
    private long lastTradeId;
    private String side;
    private Decimal size;
    private Decimal price;
    private boolean hasChanges;
    private boolean hasBids;
    private boolean hasAsks;
    private boolean hasChannels;
    private String message;
    private String reason;


    public CoinbaseParser() {
        super(VENUE, "snapshot", "l2update", "match", "last_match", "heartbeat",
            "subscriptions", "error", "buy", "sell", "BTC-USD", "ETH-USD");
    }

    @Override
    protected void readAndInterpret(Consumer<MarketEvent> out) throws JsonException, BadFrame {
        FrameReads.objectFields(json.reset(frame), fields);
        interpret(out);
    }

    @Override
    protected String symbolSoFar() {
        return knownSymbol();
    }


    private String knownSymbol() {
        return productId == null ? "" : nullToEmpty(symbols.fromDashed(productId));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    protected void reset() {
        type = productId = side = message = reason = null;
        size = price = null;
        timeMicros = EventHeader.NO_TIME;
        sequence = tradeId = lastTradeId = Heartbeat.NO_SEQUENCE;
        hasChanges = hasBids = hasAsks = hasChannels = false;
        book.reset();
        subs.clear();
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Reads one top-level field of the frame (kept in a field: no allocation per frame). */
    private final FrameReads.FieldReader fields = this::readField;

    private void readField(JsonCursor p, String name, Token t) throws JsonException, BadFrame {
        switch (name) {
            case "type" -> type = text(p, t, name);
            case "product_id" -> productId = text(p, t, name);
            case "time" -> timeMicros = FrameReads.rfc3339Micros(p, t, null, name);
            case "sequence" -> sequence = FrameReads.nonNegativeLong(p, t, null, name, QuarantineReason.INVALID_NUMBER);
            case "trade_id" -> tradeId = FrameReads.nonNegativeLong(p, t, null, name, QuarantineReason.INVALID_NUMBER);
            case "last_trade_id" -> lastTradeId = FrameReads.nonNegativeLong(p, t, null, name, QuarantineReason.INVALID_NUMBER);
            case "side" -> side = text(p, t, name);
            case "size" -> size = decimal(p, t, name);
            case "price" -> price = decimal(p, t, name);
            case "changes" -> {
                hasChanges = true;
                book.readSidedLevels(p, t, num, null);
            }
            case "bids" -> {
                hasBids = true;
                book.bids.readArrayLevels(p, t, num, null);
            }
            case "asks" -> {
                hasAsks = true;
                book.asks.readArrayLevels(p, t, num, null);
            }
            case "message" -> message = t == Token.VALUE_STRING ? p.text() : null;
            case "reason" -> reason = t == Token.VALUE_STRING ? p.text() : null;
            case "channels" -> {
                hasChannels = true;
                readChannels(p, t);
            }
            default -> p.skipChildren();
        }
    }

    /** {@code [{"name": "...", "product_ids": [...]}, ...]}; a bare string names a channel without products. */
    private void readChannels(JsonCursor p, Token t) throws JsonException, BadFrame {
        if (t != Token.START_ARRAY) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "channels is not an array");
        }
        while ((t = p.nextToken()) != Token.END_ARRAY) {
            if (t == Token.VALUE_STRING) {
                subs.add(new String[] {p.text(), ""});
                continue;
            }
            if (t != Token.START_OBJECT) {
                throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "channel entry is not an object");
            }
            String name = null;
            List<String> products = new ArrayList<>();
            while (p.nextToken() == Token.FIELD_NAME) {
                String f = p.currentName();
                Token v = p.nextToken();
                if ("name".equals(f)) {
                    name = text(p, v, "channels.name");
                } else if ("product_ids".equals(f) && v == Token.START_ARRAY) {
                    while ((v = p.nextToken()) != Token.END_ARRAY) {
                        products.add(text(p, v, "channels.product_ids"));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                throw new BadFrame(QuarantineReason.MISSING_FIELD, null, "channel entry without name");
            }
            if (products.isEmpty()) {
                subs.add(new String[] {name, ""});
            }
            for (String pid : products) {
                subs.add(new String[] {name, pid});
            }
        }
    }

    // ---- interpreting -------------------------------------------------------------------------

    private EventHeader header(String symbol, long exchangeMicros) {
        return new EventHeader(VENUE, symbol, exchangeMicros, receiveMicros, conn, ordinal);
    }

    private String requireSymbol() throws BadFrame {
        if (productId == null || productId.isEmpty()) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, null, "'" + type + "' without product_id");
        }
        String s = symbols.fromDashed(productId);
        if (s == null) {
            throw new BadFrame(QuarantineReason.INVALID_SYMBOL, "", "product_id '" + productId + "'");
        }
        return s;
    }

    private void interpret(Consumer<MarketEvent> out) throws BadFrame {
        if (type == null) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "frame without type");
        }
        switch (type) {
            case "snapshot" -> {
                String sym = requireSymbol();
                if (!hasBids || !hasAsks || hasChanges) {
                    throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "snapshot needs bids and asks (and no changes)");
                }
                out.accept(MarketEvent.of(book.snapshot(header(sym, timeMicros))));
            }
            case "l2update" -> {
                String sym = requireSymbol();
                if (!hasChanges || hasBids || hasAsks) {
                    throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "l2update needs changes (and no bids/asks)");
                }
                if (book.isEmpty()) {
                    throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "l2update with no changes");
                }
                out.accept(MarketEvent.of(book.delta(header(sym, timeMicros))));
            }
            case "match", "last_match" -> interpretMatch(out);
            case "heartbeat" -> {
                String sym = requireSymbol();
                if (sequence == Heartbeat.NO_SEQUENCE) {
                    throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "heartbeat without sequence");
                }
                out.accept(MarketEvent.of(new Heartbeat(header(sym, timeMicros), sequence, lastTradeId)));
            }
            case "subscriptions" -> {
                if (!hasChannels) {
                    throw new BadFrame(QuarantineReason.MISSING_FIELD, null, "subscriptions without channels");
                }
                if (subs.isEmpty()) {
                    // an acknowledgement that nothing is subscribed (after an unsubscribe)
                    out.accept(MarketEvent.of(new Subscription(header("", EventHeader.NO_TIME), "", 0, true, "")));
                }
                for (String[] s : subs) {
                    String sym = s[1].isEmpty() ? "" : symbols.fromDashed(s[1]);
                    if (sym == null) {
                        throw new BadFrame(QuarantineReason.INVALID_SYMBOL, "", "product_id '" + s[1] + "'");
                    }
                }
                for (String[] s : subs) {
                    String sym = s[1].isEmpty() ? "" : symbols.fromDashed(s[1]);
                    out.accept(MarketEvent.of(new Subscription(header(sym, EventHeader.NO_TIME), s[0], 0, true, "")));
                }
            }
            case "error" -> out.accept(MarketEvent.of(new VenueStatus(header("", EventHeader.NO_TIME), "error",
                    nullToEmpty(message) + (reason == null ? "" : ": " + reason))));
            default -> throw new BadFrame(QuarantineReason.UNKNOWN_CHANNEL, null, "type '" + type + "'");
        }
    }

    private void interpretMatch(Consumer<MarketEvent> out) throws BadFrame {
        String sym = requireSymbol();
        if (price == null || size == null || side == null || tradeId == Heartbeat.NO_SEQUENCE) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "match needs trade_id, price, size and side");
        }
        FrameReads.checkTrade(price.unscaled(), price.scale(), size.unscaled(), size.scale(), sym);
        Side aggressor;
        if ("sell".equals(side)) {
            aggressor = Side.BUY; // the maker sold: the taker bought
        } else if ("buy".equals(side)) {
            aggressor = Side.SELL;
        } else {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, sym, "match side '" + side + "'");
        }
        out.accept(MarketEvent.of(new Trade(header(sym, timeMicros), price, size, aggressor, Long.toString(tradeId), "")));
    }
}
