package io.cryptorun.sources.venue.gemini;

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
 * Gemini market data v2 ({@code wss://api.gemini.com/v2/marketdata}, subscription {@code l2}) frame
 * adapter: one frame of text in, normalized {@link MarketEvent}s out — or exactly one
 * {@link Quarantine}. Never throws on input; stateless across frames; not thread-safe.
 *
 * <ul>
 *   <li>{@code l2_updates} with {@code changes} of {@code [side, price, quantity]} strings
 *       ({@code buy} = bid, {@code sell} = ask, quantity {@code "0"} removes). The initial message of
 *       a subscription is the full book and is the only one that carries a {@code trades} array (the
 *       last trades); that marks it, statelessly: with {@code trades} → BookSnapshot followed by one
 *       Trade per element, without → BookDelta</li>
 *   <li>{@code trade} → Trade ({@code tid}, {@code price}, {@code quantity}, {@code side} = taker side,
 *       {@code timestamp} in ms)</li>
 *   <li>{@code heartbeat} → Heartbeat; {@code auction_open}/{@code auction_indicative}/{@code auction_result}
 *       → VenueStatus (informational)</li>
 * </ul>
 *
 * Symbols map {@code BTCUSD} → {@code BTC/USD} (split at the longest known quote currency).
 */
public final class GeminiParser extends FrameParser {
    public static final String VENUE = "gemini";

    private static final int MAX_DEPTH = 32;

    private final JsonCursor json = new JsonCursor(MAX_DEPTH, new TextCache("type", "symbol", "changes", "trades",
            "auction_events", "event_id", "eventid", "timestamp", "price", "quantity", "side", "tid"));
    private final Symbols symbols = new Symbols();
    private final BookSides book = new BookSides();
    private final List<TradeFields> trades = new ArrayList<>();
    private int tradeCount;
    private final TradeFields top = new TradeFields();

    private String type;
    private boolean hasChanges;
    private boolean hasTrades;


    public GeminiParser() {
        super(VENUE, "l2_updates", "trade", "heartbeat", "buy", "sell", "BTCUSD", "ETHUSD",
            "auction_open", "auction_indicative", "auction_result");
    }

    @Override
    protected void readAndInterpret(Consumer<MarketEvent> out) throws JsonException, BadFrame {
        FrameReads.objectFields(json.reset(frame), fields);
        interpret(out);
    }

    @Override
    protected void reset() {
        type = null;
        hasChanges = hasTrades = false;
        tradeCount = 0;
        top.reset();
        book.reset();
    }

    @Override
    protected String symbolSoFar() {
        return knownSymbol();
    }


    private String knownSymbol() {
        String s = top.symbol == null ? null : symbols.fromConcatenated(top.symbol);
        return s == null ? "" : s;
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Reads one top-level field of the frame (kept in a field: no allocation per frame). */
    private final FrameReads.FieldReader fields = this::readField;

    private void readField(JsonCursor p, String name, Token t) throws JsonException, BadFrame {
        switch (name) {
            case "type" -> type = text(p, t, name);
            case "changes" -> {
                hasChanges = true;
                book.readSidedLevels(p, t, num, null);
            }
            case "trades" -> {
                hasTrades = true;
                readTrades(p, t);
            }
            default -> {
                if (!readTradeField(p, t, name, top)) {
                    p.skipChildren();
                }
            }
        }
    }

    /** The fields a trade (top level or an element of {@code trades}) may carry; false if not one of them. */
    private boolean readTradeField(JsonCursor p, Token v, String name, TradeFields f) throws JsonException, BadFrame {
        switch (name) {
            case "symbol" -> f.symbol = text(p, v, name);
            case "timestamp" -> f.millis = FrameReads.nonNegativeLong(p, v, null, name, QuarantineReason.INVALID_TIMESTAMP);
            case "price" -> {
                FrameReads.decimal(p, v, num, null, name);
                f.price = num.toDecimal();
            }
            case "quantity" -> {
                FrameReads.decimal(p, v, num, null, name);
                f.qty = num.toDecimal();
            }
            case "side" -> f.side = text(p, v, name);
            case "tid" -> {
                if (v != Token.VALUE_NUMBER_INT && v != Token.VALUE_STRING) {
                    throw new BadFrame(QuarantineReason.INVALID_NUMBER, null, "tid is not an integer");
                }
                f.tid = p.text();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void readTrades(JsonCursor p, Token t) throws JsonException, BadFrame {
        if (t != Token.START_ARRAY) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "trades is not an array");
        }
        while ((t = p.nextToken()) != Token.END_ARRAY) {
            if (t != Token.START_OBJECT) {
                throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "trade is not an object");
            }
            if (tradeCount == trades.size()) {
                trades.add(new TradeFields());
            }
            TradeFields f = trades.get(tradeCount++);
            f.reset();
            while (p.nextToken() == Token.FIELD_NAME) {
                String name = p.currentName();
                Token v = p.nextToken();
                if (!readTradeField(p, v, name, f)) {
                    p.skipChildren();
                }
            }
        }
    }

    // ---- interpreting -------------------------------------------------------------------------

    private EventHeader header(String symbol, long exchangeMicros) {
        return new EventHeader(VENUE, symbol, exchangeMicros, receiveMicros, conn, ordinal);
    }

    private String requireSymbol(String venueSymbol) throws BadFrame {
        if (venueSymbol == null || venueSymbol.isEmpty()) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, "", "'" + type + "' without symbol");
        }
        String s = symbols.fromConcatenated(venueSymbol);
        if (s == null) {
            throw new BadFrame(QuarantineReason.INVALID_SYMBOL, "", "symbol '" + venueSymbol + "'");
        }
        return s;
    }

    private void interpret(Consumer<MarketEvent> out) throws BadFrame {
        if (type == null) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "frame without type");
        }
        switch (type) {
            case "l2_updates" -> interpretL2(out);
            case "trade" -> {
                String sym = requireSymbol(top.symbol);
                Trade tr = trade(top, sym);
                out.accept(MarketEvent.of(tr));
            }
            case "heartbeat" -> out.accept(MarketEvent.of(new Heartbeat(header("", micros(top.millis)))));
            case "auction_open", "auction_indicative", "auction_result" -> {
                String sym = requireSymbol(top.symbol);
                out.accept(MarketEvent.of(new VenueStatus(header(sym, micros(top.millis)), type, "")));
            }
            default -> throw new BadFrame(QuarantineReason.UNKNOWN_CHANNEL, null, "type '" + type + "'");
        }
    }

    private void interpretL2(Consumer<MarketEvent> out) throws BadFrame {
        String sym = requireSymbol(top.symbol);
        if (!hasChanges) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "l2_updates without changes");
        }
        if (!hasTrades) {
            if (book.isEmpty()) {
                throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "l2_updates with no changes");
            }
            out.accept(MarketEvent.of(book.delta(header(sym, EventHeader.NO_TIME))));
            return;
        }
        // the initial full book: validate every trade before emitting anything
        Trade[] ts = new Trade[tradeCount];
        for (int i = 0; i < tradeCount; i++) {
            TradeFields f = trades.get(i);
            String tsym = f.symbol == null ? sym : requireSymbol(f.symbol);
            if (!tsym.equals(sym)) {
                throw new BadFrame(QuarantineReason.INVALID_SYMBOL, sym, "trade symbol '" + f.symbol + "' in a " + sym + " book");
            }
            ts[i] = trade(f, sym);
        }
        out.accept(MarketEvent.of(book.snapshot(header(sym, EventHeader.NO_TIME))));
        for (Trade t : ts) {
            out.accept(MarketEvent.of(t));
        }
    }

    private Trade trade(TradeFields f, String sym) throws BadFrame {
        if (f.price == null || f.qty == null || f.side == null || f.tid == null) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "trade needs tid, price, quantity and side");
        }
        FrameReads.checkTrade(f.price.unscaled(), f.price.scale(), f.qty.unscaled(), f.qty.scale(), sym);
        Side side;
        if ("buy".equals(f.side)) {
            side = Side.BUY;
        } else if ("sell".equals(f.side)) {
            side = Side.SELL;
        } else {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, sym, "trade side '" + f.side + "'");
        }
        return new Trade(header(sym, micros(f.millis)), f.price, f.qty, side, f.tid, "");
    }

    private static long micros(long millis) {
        return millis == EventHeader.NO_TIME || millis > Long.MAX_VALUE / 1000 ? EventHeader.NO_TIME : millis * 1000;
    }

    /** Trade fields, reused across frames. */
    private static final class TradeFields {
        String symbol;
        long millis;
        Decimal price;
        Decimal qty;
        String side;
        String tid;

        void reset() {
            symbol = side = tid = null;
            millis = EventHeader.NO_TIME;
            price = qty = null;
        }
    }
}
