package io.cryptorun.sources.venue.kraken;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.decimal.DecimalParser;
import io.cryptorun.sources.decimal.ExactMath;
import io.cryptorun.sources.json.JsonCursor.Token;
import io.cryptorun.sources.json.JsonCursor;
import io.cryptorun.sources.json.JsonException;
import io.cryptorun.sources.json.TextCache;
import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.Instrument;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.model.Side;
import io.cryptorun.sources.model.Subscription;
import io.cryptorun.sources.model.Ticker;
import io.cryptorun.sources.model.Trade;
import io.cryptorun.sources.model.VenueStatus;
import io.cryptorun.sources.time.Rfc3339;
import io.cryptorun.sources.venue.BadFrame;
import io.cryptorun.sources.venue.BookSides;
import io.cryptorun.sources.venue.FrameParser;
import io.cryptorun.sources.venue.FrameReads;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Kraken WebSocket v2 ({@code wss://ws.kraken.com/v2}) frame adapter: one frame of text in,
 * normalized {@link MarketEvent}s out — or exactly one {@link Quarantine} when the frame is
 * malformed or impossible. It never throws on input.
 *
 * <p>Numbers are read from their JSON text (the {@link JsonCursor}'s character buffer, no
 * {@code double}), so {@code 0.10000000} and {@code 5.325e-05} arrive exact. Field order does not
 * matter: the frame is read once into reusable scratch buffers and interpreted at the end. After
 * warm-up a good frame allocates only the emitted records and what they hold. Stateless across frames
 * (book state lives in the keyed operator), so one instance serves any number of connections;
 * not thread-safe.
 */
public final class KrakenV2Parser extends FrameParser {
    public static final String VENUE = "kraken";

    /** Real frames nest 4 deep; the bound (Jackson's setting before the move to JsonCursor) caps work on garbage. */
    private static final int MAX_DEPTH = 32;

    // both caches start out holding the constants compared against below, so that the string
    // switches and equals calls on names and values succeed on identity
    private final JsonCursor json = new JsonCursor(MAX_DEPTH, new TextCache("channel", "type", "method", "error",
            "success", "result", "data", "symbol", "depth", "bids", "asks", "checksum", "timestamp", "price", "qty", "bid",
            "ask", "last", "volume", "side", "ord_type", "trade_id", "system", "version", "pairs", "base", "quote", "status",
            "price_precision", "qty_precision"));
    private final List<Entry> entries = new ArrayList<>();
    private int entryCount;
    private final List<Instrument> instruments = new ArrayList<>();
    private final List<MarketEvent> pending = new ArrayList<>();

    // top-level fields of the frame being parsed
    private String channel;
    private String type;
    private String method;
    private Boolean success;
    /** Top-level {@code symbol} of a method answer: Kraken names the refused symbol there on a {@code success:false}. */
    private String answerSymbol;
    private String error;
    private String resultChannel;
    private String resultSymbol;
    private int resultDepth;
    private boolean dataIsObject;

    // the frame being parsed (for headers and quarantine)

    public KrakenV2Parser() {
        super(VENUE, "book", "trade", "ticker", "instrument", "heartbeat", "status",
            "snapshot", "update", "subscribe", "unsubscribe", "pong", "buy", "sell");
    }

    @Override
    protected void readAndInterpret(Consumer<MarketEvent> out) throws JsonException, BadFrame {
        FrameReads.objectFields(json.reset(frame), fields);
        interpret(out);
    }


    @Override
    protected void reset() {
        channel = null;
        type = null;
        method = null;
        success = null;
        answerSymbol = null;
        error = null;
        resultChannel = null;
        resultSymbol = null;
        resultDepth = 0;
        dataIsObject = false;
        entryCount = 0;
        instruments.clear();
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Reads one top-level field of the frame (kept in a field: no allocation per frame). */
    private final FrameReads.FieldReader fields = this::readField;

    private void readField(JsonCursor p, String name, Token t) throws JsonException, BadFrame {
        switch (name) {
            case "channel" -> channel = text(p, t, name);
            case "type" -> type = text(p, t, name);
            case "method" -> method = text(p, t, name);
            case "error" -> error = t == Token.VALUE_NULL ? null : p.text();
            case "success" -> success = t == Token.VALUE_TRUE;
            case "symbol" -> {
                if (t == Token.VALUE_STRING) answerSymbol = optionalText(p, t);
                else p.skipChildren();
            }
            case "result" -> readResult(p, t);
            case "data" -> readData(p, t);
            default -> p.skipChildren();
        }
    }

    /** An optional short string field (null when absent or not a string). */
    private String optionalText(JsonCursor p, Token t) throws JsonException {
        return t == Token.VALUE_STRING ? texts.get(p.textChars(), p.textOffset(), p.textLength()) : null;
    }

    private void readResult(JsonCursor p, Token t) throws JsonException, BadFrame {
        if (t != Token.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == Token.FIELD_NAME) {
            String name = p.currentName();
            Token v = p.nextToken();
            switch (name) {
                case "channel" -> resultChannel = text(p, v, "result.channel");
                case "symbol" -> resultSymbol = optionalText(p, v);
                case "depth" -> {
                    if (v != Token.VALUE_NUMBER_INT) {
                        throw new BadFrame(QuarantineReason.INVALID_NUMBER, resultSymbol, "result.depth is not an integer");
                    }
                    resultDepth = p.intValue();
                }
                default -> p.skipChildren();
            }
        }
    }

    private void readData(JsonCursor p, Token t) throws JsonException, BadFrame {
        if (t == Token.START_OBJECT) {
            dataIsObject = true;
            readInstrumentData(p);
        } else if (t == Token.START_ARRAY) {
            while ((t = p.nextToken()) != Token.END_ARRAY) {
                if (t != Token.START_OBJECT) {
                    throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "data element is not an object");
                }
                readEntry(p, nextEntry());
            }
        } else {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "data is neither array nor object");
        }
    }

    private Entry nextEntry() {
        if (entryCount == entries.size()) {
            entries.add(new Entry());
        }
        Entry e = entries.get(entryCount++);
        e.reset();
        return e;
    }

    private void readEntry(JsonCursor p, Entry e) throws JsonException, BadFrame {
        while (p.nextToken() == Token.FIELD_NAME) {
            String name = p.currentName();
            Token v = p.nextToken();
            switch (name) {
                case "symbol" -> e.symbol = text(p, v, "symbol");
                case "bids" -> readLevels(p, v, e.sides.bids, e);
                case "asks" -> readLevels(p, v, e.sides.asks, e);
                case "checksum" -> {
                    if (v != Token.VALUE_NUMBER_INT) {
                        throw new BadFrame(QuarantineReason.INVALID_NUMBER, e.symbol, "checksum is not an integer");
                    }
                    long c = p.longValue();
                    if (c < 0 || c > 0xFFFF_FFFFL) {
                        throw new BadFrame(QuarantineReason.INVALID_NUMBER, e.symbol, "checksum out of range: " + c);
                    }
                    e.checksum = c;
                }
                case "timestamp" -> {
                    if (v != Token.VALUE_STRING) {
                        throw new BadFrame(QuarantineReason.INVALID_TIMESTAMP, e.symbol, "timestamp is not a string");
                    }
                    long micros = Rfc3339.parseMicros(p.textChars(), p.textOffset(), p.textLength());
                    if (micros == Rfc3339.INVALID) {
                        throw new BadFrame(QuarantineReason.INVALID_TIMESTAMP, e.symbol, "bad timestamp: " + p.text());
                    }
                    e.timestampMicros = micros;
                }
                case "price" -> e.price = number(p, v, e, "price");
                case "qty" -> e.qty = number(p, v, e, "qty");
                case "bid" -> e.bid = number(p, v, e, "bid");
                case "ask" -> e.ask = number(p, v, e, "ask");
                case "last" -> e.last = number(p, v, e, "last");
                case "volume" -> e.volume = number(p, v, e, "volume");
                case "side" -> e.side = text(p, v, "side");
                case "ord_type" -> e.ordType = optionalText(p, v);
                case "trade_id" -> e.tradeId = v == Token.VALUE_NULL ? null : p.text();
                case "system" -> e.system = optionalText(p, v);
                case "version" -> e.version = v == Token.VALUE_STRING ? p.text() : null;
                default -> p.skipChildren();
            }
        }
    }

    /** Reads a JSON number (or numeric string) exactly. */
    private Decimal number(JsonCursor p, Token v, Entry e, String field) throws JsonException, BadFrame {
        readNumber(p, v, e.symbol, field);
        return num.toDecimal();
    }

    private void readNumber(JsonCursor p, Token v, String symbol, String field) throws JsonException, BadFrame {
        if (v != Token.VALUE_NUMBER_INT && v != Token.VALUE_NUMBER_FLOAT && v != Token.VALUE_STRING) {
            throw new BadFrame(QuarantineReason.INVALID_NUMBER, symbol, field + " is not a number: " + v);
        }
        int err = DecimalParser.parse(p.textChars(), p.textOffset(), p.textLength(), num);
        if (err != DecimalParser.OK) {
            throw new BadFrame(QuarantineReason.INVALID_NUMBER, symbol,
                    field + " " + DecimalParser.describe(err) + ": '" + p.text() + "'");
        }
    }

    private void readLevels(JsonCursor p, Token t, BookSides.Levels levels, Entry e) throws JsonException, BadFrame {
        if (t != Token.START_ARRAY) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, e.symbol, "book side is not an array");
        }
        while ((t = p.nextToken()) != Token.END_ARRAY) {
            if (t != Token.START_OBJECT) {
                throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, e.symbol, "book level is not an object");
            }
            boolean hasPrice = false;
            boolean hasQty = false;
            long pm = 0;
            int ps = 0;
            long qm = 0;
            int qs = 0;
            while (p.nextToken() == Token.FIELD_NAME) {
                String name = p.currentName();
                Token v = p.nextToken();
                if ("price".equals(name)) {
                    readNumber(p, v, e.symbol, "price");
                    pm = num.unscaled;
                    ps = num.scale;
                    hasPrice = true;
                } else if ("qty".equals(name)) {
                    readNumber(p, v, e.symbol, "qty");
                    qm = num.unscaled;
                    qs = num.scale;
                    hasQty = true;
                } else {
                    p.skipChildren();
                }
            }
            if (!hasPrice || !hasQty) {
                throw new BadFrame(QuarantineReason.MISSING_FIELD, e.symbol, "book level without " + (hasPrice ? "qty" : "price"));
            }
            FrameReads.checkLevel(pm, ps, qm, qs, e.symbol);
            levels.add(pm, ps, qm, qs);
        }
    }

    private void readInstrumentData(JsonCursor p) throws JsonException, BadFrame {
        while (p.nextToken() == Token.FIELD_NAME) {
            String name = p.currentName();
            Token t = p.nextToken();
            if (!"pairs".equals(name)) {
                p.skipChildren();
                continue;
            }
            if (t != Token.START_ARRAY) {
                throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "instrument pairs is not an array");
            }
            while ((t = p.nextToken()) != Token.END_ARRAY) {
                if (t != Token.START_OBJECT) {
                    throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "instrument pair is not an object");
                }
                String symbol = null;
                String base = null;
                String quote = null;
                String status = null;
                int pricePrecision = -1;
                int qtyPrecision = -1;
                while (p.nextToken() == Token.FIELD_NAME) {
                    String f = p.currentName();
                    Token v = p.nextToken();
                    switch (f) {
                        case "symbol" -> symbol = text(p, v, "symbol");
                        case "base" -> base = v == Token.VALUE_STRING ? p.text() : null;
                        case "quote" -> quote = v == Token.VALUE_STRING ? p.text() : null;
                        case "status" -> status = v == Token.VALUE_STRING ? p.text() : null;
                        case "price_precision" -> pricePrecision = precision(p, v, symbol, f);
                        case "qty_precision" -> qtyPrecision = precision(p, v, symbol, f);
                        default -> p.skipChildren();
                    }
                }
                if (symbol == null || pricePrecision < 0 || qtyPrecision < 0) {
                    throw new BadFrame(QuarantineReason.MISSING_FIELD, symbol,
                            "instrument pair needs symbol, price_precision and qty_precision");
                }
                instruments.add(new Instrument(header(symbol, EventHeader.NO_TIME),
                        base == null ? "" : base, quote == null ? "" : quote, pricePrecision, qtyPrecision,
                        status == null ? "" : status));
            }
        }
    }

    private static int precision(JsonCursor p, Token v, String symbol, String field) throws JsonException, BadFrame {
        if (v != Token.VALUE_NUMBER_INT) {
            throw new BadFrame(QuarantineReason.INVALID_NUMBER, symbol, field + " is not an integer");
        }
        int n = p.intValue();
        if (n < 0 || n > ExactMath.MAX_SCALE) {
            throw new BadFrame(QuarantineReason.INVALID_NUMBER, symbol, field + " out of range: " + n);
        }
        return n;
    }

    // ---- interpreting -------------------------------------------------------------------------

    private EventHeader header(String symbol, long exchangeMicros) {
        return new EventHeader(VENUE, symbol, exchangeMicros, receiveMicros, conn, ordinal);
    }

    private void interpret(Consumer<MarketEvent> out) throws BadFrame {
        if (method != null) {
            interpretMethod(out);
            return;
        }
        if (channel == null) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "frame has neither channel nor method");
        }
        switch (channel) {
            case "book" -> interpretBook(out);
            case "trade" -> interpretTrades(out);
            case "ticker" -> interpretTickers(out);
            case "instrument" -> {
                if (!dataIsObject) {
                    throw new BadFrame(QuarantineReason.MISSING_FIELD, null, "instrument frame without data object");
                }
                for (Instrument i : instruments) {
                    out.accept(MarketEvent.of(i));
                }
            }
            case "heartbeat" -> out.accept(MarketEvent.of(new Heartbeat(header("", EventHeader.NO_TIME))));
            case "status" -> {
                Entry e = entryCount > 0 ? entries.get(0) : null;
                out.accept(MarketEvent.of(new VenueStatus(header("", EventHeader.NO_TIME),
                        e == null || e.system == null ? "" : e.system,
                        e == null || e.version == null ? "" : "version " + e.version)));
            }
            default -> throw new BadFrame(QuarantineReason.UNKNOWN_CHANNEL, null, "channel '" + channel + "'");
        }
    }

    private void interpretMethod(Consumer<MarketEvent> out) throws BadFrame {
        switch (method) {
            case "subscribe", "unsubscribe" -> {
                boolean ok = Boolean.TRUE.equals(success);
                String ch = resultChannel == null ? "" : resultChannel;
                // a refusal has no result: its symbol is the answer's own (the one we asked for)
                String sym = resultSymbol != null ? resultSymbol : answerSymbol != null ? answerSymbol : "";
                out.accept(MarketEvent.of(new Subscription(header(sym, EventHeader.NO_TIME),
                        "unsubscribe".equals(method) ? "-" + ch : ch, resultDepth, ok, error == null ? "" : error)));
            }
            case "pong" -> out.accept(MarketEvent.of(new Heartbeat(header("", EventHeader.NO_TIME))));
            default -> throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "method '" + method + "'");
        }
    }

    private void interpretBook(Consumer<MarketEvent> out) throws BadFrame {
        boolean snapshot;
        if ("snapshot".equals(type)) {
            snapshot = true;
        } else if ("update".equals(type)) {
            snapshot = false;
        } else {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "book type '" + type + "'");
        }
        requireEntries();
        // build (and so validate) every entry before emitting any: a frame is applied whole or not at all
        pending.clear();
        for (int i = 0; i < entryCount; i++) {
            Entry e = entries.get(i);
            requireSymbol(e);
            EventHeader h = header(e.symbol, e.timestampMicros);
            pending.add(snapshot ? MarketEvent.of(e.sides.snapshot(h, e.checksum)) : MarketEvent.of(e.sides.delta(h, e.checksum)));
        }
        for (int i = 0; i < pending.size(); i++) {
            out.accept(pending.get(i));
        }
        pending.clear();
    }

    private void interpretTrades(Consumer<MarketEvent> out) throws BadFrame {
        requireEntries();
        for (int i = 0; i < entryCount; i++) {
            Entry e = entries.get(i);
            requireSymbol(e);
            if (e.price == null || e.qty == null || e.side == null) {
                throw new BadFrame(QuarantineReason.MISSING_FIELD, e.symbol, "trade needs price, qty and side");
            }
            if (e.qty.signum() < 0) {
                throw new BadFrame(QuarantineReason.NEGATIVE_QTY, e.symbol, "trade qty " + e.qty);
            }
            if (e.qty.signum() == 0) {
                throw new BadFrame(QuarantineReason.INVALID_NUMBER, e.symbol, "trade qty is zero");
            }
            if (e.price.signum() <= 0) {
                throw new BadFrame(QuarantineReason.NON_POSITIVE_PRICE, e.symbol, "trade price " + e.price);
            }
            if (!"buy".equals(e.side) && !"sell".equals(e.side)) {
                throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, e.symbol, "trade side '" + e.side + "'");
            }
        }
        for (int i = 0; i < entryCount; i++) {
            Entry e = entries.get(i);
            out.accept(MarketEvent.of(new Trade(header(e.symbol, e.timestampMicros), e.price, e.qty,
                    "buy".equals(e.side) ? Side.BUY : Side.SELL, e.tradeId == null ? "" : e.tradeId,
                    e.ordType == null ? "" : e.ordType)));
        }
    }

    private void interpretTickers(Consumer<MarketEvent> out) throws BadFrame {
        requireEntries();
        for (int i = 0; i < entryCount; i++) {
            requireSymbol(entries.get(i));
        }
        for (int i = 0; i < entryCount; i++) {
            Entry e = entries.get(i);
            out.accept(MarketEvent.of(new Ticker(header(e.symbol, e.timestampMicros), e.bid, e.ask, e.last, e.volume)));
        }
    }

    private void requireEntries() throws BadFrame {
        if (entryCount == 0) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, null, "channel '" + channel + "' frame without data");
        }
    }

    private static void requireSymbol(Entry e) throws BadFrame {
        if (e.symbol == null || e.symbol.isEmpty()) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, null, "data element without symbol");
        }
    }

    // ---- scratch ------------------------------------------------------------------------------

    /** One element of {@code data}, with every field any channel may carry. Reused across frames. */
    private static final class Entry {
        String symbol;
        final BookSides sides = new BookSides();
        long checksum;
        long timestampMicros;
        Decimal price;
        Decimal qty;
        Decimal bid;
        Decimal ask;
        Decimal last;
        Decimal volume;
        String side;
        String ordType;
        String tradeId;
        String system;
        String version;

        void reset() {
            symbol = null;
            sides.reset();
            checksum = BookSnapshot.NO_CHECKSUM;
            timestampMicros = EventHeader.NO_TIME;
            price = qty = bid = ask = last = volume = null;
            side = ordType = tradeId = system = version = null;
        }
    }
}
