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
 * Coinbase Advanced Trade market data WebSocket ({@code wss://advanced-trade-ws.coinbase.com})
 * frame adapter, channels {@code level2} (messages carry {@code "channel":"l2_data"}),
 * {@code market_trades}, {@code heartbeats} and the {@code subscriptions} acknowledgement: one
 * frame of text in, normalized {@link MarketEvent}s out (venue id {@code coinbase}, the same
 * products as the Exchange feed) — or exactly one {@link Quarantine}. Never throws on input;
 * stateless across frames; not thread-safe.
 *
 * <p>Every message is an envelope {@code {"channel", "client_id", "timestamp", "sequence_num",
 * "events":[...]}}; {@code sequence_num} counts the messages of one connection, so a skipped or
 * repeated number means lost data — the per-connection check is
 * {@link io.cryptorun.sources.venue.coinbase.AdvancedTradeSequence}, which reads {@link #sequenceNum()}
 * after each frame.
 *
 * <ul>
 *   <li>{@code l2_data}: each event {@code {"type":"snapshot"|"update","product_id",
 *       "updates":[{"side":"bid"|"offer","event_time","price_level","new_quantity"}]}} →
 *       BookSnapshot / BookDelta ({@code new_quantity} is the level's new size, {@code "0"}
 *       removes); exchange time = the envelope {@code timestamp}</li>
 *   <li>{@code market_trades}: each trade {@code {"trade_id","product_id","price","size","side","time"}}
 *       → Trade (exchange time = {@code time}). Like the Exchange feed, {@code side} is the
 *       <em>maker's</em> side, so {@code "SELL"} is an up-tick: aggressor {@link Side#BUY}.
 *       Trades of one message are emitted in ascending {@code trade_id} order (the snapshot lists
 *       the newest first)</li>
 *   <li>{@code heartbeats} → one connection-level Heartbeat (symbol ""), {@code sequence} =
 *       {@code sequence_num}, {@code lastTradeId} = {@code heartbeat_counter}</li>
 *   <li>{@code subscriptions} → one Subscription per (channel, product); a top-level
 *       {@code {"type":"error","message":…}} → VenueStatus</li>
 * </ul>
 *
 * Product ids map {@code BTC-USD} → {@code BTC/USD}. Prices and sizes are strings (JSON numbers
 * are accepted too) and are read exactly, never through {@code double}.
 */
public final class AdvancedTradeParser extends FrameParser {
    /** Records carry the exchange's id: both Coinbase feeds describe the same products. */
    public static final String VENUE = CoinbaseParser.VENUE;
    /**
     * The feed's id where a feed rather than an exchange is meant: the {@code venue} of its fixture
     * and Kafka lines, its Kafka topic suffix and its loopback path.
     */
    public static final String FEED = "coinbase-advanced";

    private static final int MAX_DEPTH = 32;

    /** One event of the envelope, read before the channel is known (field order is free). */
    private static final class Event {
        final BookSides book = new BookSides();
        final List<RawTrade> trades = new ArrayList<>();
        final List<String[]> subs = new ArrayList<>();
        String type;
        String productId;
        boolean hasUpdates;
        boolean hasTrades;
        boolean hasSubscriptions;
        long heartbeatCounter;

        void reset() {
            book.reset();
            trades.clear();
            subs.clear();
            type = productId = null;
            hasUpdates = hasTrades = hasSubscriptions = false;
            heartbeatCounter = Heartbeat.NO_SEQUENCE;
        }
    }

    private record RawTrade(long tradeId, String productId, Decimal price, Decimal size, String side, long timeMicros) {}

    private final JsonCursor json = new JsonCursor(MAX_DEPTH, new TextCache("channel", "client_id", "timestamp",
            "sequence_num", "events", "type", "product_id", "updates", "side", "event_time", "price_level",
            "new_quantity", "trades", "trade_id", "price", "size", "time", "current_time", "heartbeat_counter",
            "subscriptions", "message"));
    private final Symbols symbols = new Symbols();
    private final List<Event> events = new ArrayList<>();
    private int eventCount;

    private String channel;
    private String type;
    private String message;
    private long timeMicros;
    private long sequenceNum;
    private boolean hasEvents;
    /** {@code sequence_num} of the last frame that parsed cleanly, else {@link Heartbeat#NO_SEQUENCE}. */
    private long lastSequenceNum = Heartbeat.NO_SEQUENCE;
    private final List<MarketEvent> pending = new ArrayList<>();
    private final FieldReader topField = this::topField;
    private final FieldReader eventField = this::eventField;
    private final FieldReader updateField = this::updateField;
    private final FieldReader tradeField = this::tradeField;
    private final Runnable nextEvent = this::nextEvent;
    private final Runnable clearItem = this::clearItem;
    private final Check addUpdate = this::addUpdate;
    private final Check addTrade = this::addTrade;
    private static final Check NO_CHECK = () -> { };
    /** The event being read. */
    private Event current;
    private String itemSide;
    private String itemProduct;
    private Decimal itemPrice;
    private Decimal itemSize;
    private long itemTradeId;
    private long itemTime;

    public AdvancedTradeParser() {
        super(VENUE, "l2_data", "market_trades", "heartbeats", "subscriptions", "snapshot", "update", "bid", "offer",
                "BUY", "SELL", "error", "level2", "BTC-USD", "ETH-USD");
    }

    /**
     * The {@code sequence_num} of the frame just parsed when it was read cleanly (events emitted, no
     * quarantine); {@link Heartbeat#NO_SEQUENCE} for a quarantined frame or one without a sequence
     * number (an error). A frame that could not be read is as good as lost: the sequence check
     * then sees the next number as a skip.
     */
    public long sequenceNum() {
        return lastSequenceNum;
    }

    @Override
    protected void readAndInterpret(Consumer<MarketEvent> out) throws JsonException, BadFrame {
        readFrame();
        interpret();
        // all or nothing: a frame that fails half-way emits only its quarantine
        for (MarketEvent e : pending) {
            out.accept(e);
        }
        lastSequenceNum = sequenceNum;
    }

    @Override
    protected String symbolSoFar() {
        for (int i = 0; i < eventCount; i++) {
            String p = events.get(i).productId;
            if (p != null) {
                String s = symbols.fromDashed(p);
                return s == null ? "" : s;
            }
        }
        return "";
    }

    @Override
    protected void reset() {
        channel = type = message = null;
        timeMicros = EventHeader.NO_TIME;
        sequenceNum = Heartbeat.NO_SEQUENCE;
        lastSequenceNum = Heartbeat.NO_SEQUENCE;
        hasEvents = false;
        eventCount = 0;
        pending.clear();
    }

    // ---- reading ------------------------------------------------------------------------------

    private void readFrame() throws JsonException, BadFrame {
        readObjectFrame(json.reset(frame), topField);
    }

    private void topField(JsonCursor p, String name, Token t) throws JsonException, BadFrame {
        switch (name) {
            case "channel" -> channel = text(p, t, name);
            case "type" -> type = text(p, t, name);
            case "timestamp" -> timeMicros = FrameReads.rfc3339Micros(p, t, null, name);
            case "sequence_num" -> sequenceNum = FrameReads.nonNegativeLong(p, t, null, name, QuarantineReason.INVALID_NUMBER);
            case "message" -> message = t == Token.VALUE_STRING ? p.text() : null;
            case "events" -> readEvents(p, t);
            default -> p.skipChildren();
        }
    }

    /** Each element of an array of objects through {@code fields}; {@code what} names them in errors. */
    private void readObjects(JsonCursor p, Token t, String what, FieldReader fields, Runnable before, Check after)
            throws JsonException, BadFrame {
        if (t != Token.START_ARRAY) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, what + " is not an array");
        }
        while ((t = p.nextToken()) != Token.END_ARRAY) {
            if (t != Token.START_OBJECT) {
                throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, what + " element is not an object");
            }
            before.run();
            readFields(p, fields);
            after.check();
        }
    }

    @FunctionalInterface
    private interface Check {
        void check() throws BadFrame;
    }

    private void readEvents(JsonCursor p, Token t) throws JsonException, BadFrame {
        hasEvents = true;
        readObjects(p, t, "events", eventField, nextEvent, NO_CHECK);
    }

    private void nextEvent() {
        if (eventCount == events.size()) {
            events.add(new Event());
        }
        current = events.get(eventCount++);
        current.reset();
    }

    private void eventField(JsonCursor p, String name, Token t) throws JsonException, BadFrame {
        Event e = current;
        switch (name) {
            case "type" -> e.type = text(p, t, "events.type");
            case "product_id" -> e.productId = text(p, t, "events.product_id");
            case "updates" -> {
                e.hasUpdates = true;
                readObjects(p, t, "updates", updateField, clearItem, addUpdate);
            }
            case "trades" -> {
                e.hasTrades = true;
                readObjects(p, t, "trades", tradeField, clearItem, addTrade);
            }
            case "heartbeat_counter" -> e.heartbeatCounter =
                    FrameReads.nonNegativeLong(p, t, null, "heartbeat_counter", QuarantineReason.INVALID_NUMBER);
            case "subscriptions" -> {
                e.hasSubscriptions = true;
                readSubscriptions(p, t, e.subs);
            }
            default -> p.skipChildren();
        }
    }

    // one update or trade being read: {"side","event_time","price_level","new_quantity"} / {"trade_id",…}

    private void clearItem() {
        itemSide = itemProduct = null;
        itemPrice = itemSize = null;
        itemTradeId = Heartbeat.NO_SEQUENCE;
        itemTime = EventHeader.NO_TIME;
    }

    private void updateField(JsonCursor p, String name, Token t) throws JsonException, BadFrame {
        switch (name) {
            case "side" -> itemSide = text(p, t, "updates.side");
            case "price_level" -> itemPrice = decimal(p, t, "price_level");
            case "new_quantity" -> itemSize = decimal(p, t, "new_quantity");
            case "event_time" -> FrameReads.rfc3339Micros(p, t, null, "event_time");
            default -> p.skipChildren();
        }
    }

    private void addUpdate() throws BadFrame {
        if (itemSide == null || itemPrice == null || itemSize == null) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, null, "update needs side, price_level and new_quantity");
        }
        FrameReads.checkLevel(itemPrice.unscaled(), itemPrice.scale(), itemSize.unscaled(), itemSize.scale(), null);
        BookSides.Levels levels = switch (itemSide) {
            case "bid" -> current.book.bids;
            case "offer" -> current.book.asks;
            default -> throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "update side '" + itemSide + "'");
        };
        levels.add(itemPrice.unscaled(), itemPrice.scale(), itemSize.unscaled(), itemSize.scale());
    }

    private void tradeField(JsonCursor p, String name, Token t) throws JsonException, BadFrame {
        switch (name) {
            case "trade_id" -> itemTradeId = FrameReads.nonNegativeLong(p, t, null, name, QuarantineReason.INVALID_NUMBER);
            case "product_id" -> itemProduct = text(p, t, "trades.product_id");
            case "price" -> itemPrice = decimal(p, t, name);
            case "size" -> itemSize = decimal(p, t, name);
            case "side" -> itemSide = text(p, t, "trades.side");
            case "time" -> itemTime = FrameReads.rfc3339Micros(p, t, null, "trades.time");
            default -> p.skipChildren();
        }
    }

    private void addTrade() throws BadFrame {
        if (itemTradeId == Heartbeat.NO_SEQUENCE || itemProduct == null || itemPrice == null || itemSize == null
                || itemSide == null || itemTime == EventHeader.NO_TIME) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, null,
                    "trade needs trade_id, product_id, price, size, side and time");
        }
        current.trades.add(new RawTrade(itemTradeId, itemProduct, itemPrice, itemSize, itemSide, itemTime));
    }

    /** {@code {"level2":["BTC-USD", ...], "heartbeats":["heartbeats"], ...}}. */
    private void readSubscriptions(JsonCursor p, Token t, List<String[]> out) throws JsonException, BadFrame {
        if (t != Token.START_OBJECT) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "subscriptions is not an object");
        }
        while ((t = p.nextToken()) == Token.FIELD_NAME) {
            String name = p.currentName();
            t = p.nextToken();
            if (t != Token.START_ARRAY) {
                throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "subscriptions." + name + " is not an array");
            }
            int before = out.size();
            while ((t = p.nextToken()) != Token.END_ARRAY) {
                String product = text(p, t, "subscriptions." + name);
                // the heartbeats channel lists itself instead of products
                out.add(new String[] {name, name.equals(product) ? "" : product});
            }
            if (out.size() == before) {
                out.add(new String[] {name, ""});
            }
        }
    }

    // ---- interpreting -------------------------------------------------------------------------

    private EventHeader header(String symbol, long exchangeMicros) {
        return new EventHeader(VENUE, symbol, exchangeMicros, receiveMicros, conn, ordinal);
    }

    private String symbolOf(String productId, String what) throws BadFrame {
        if (productId == null || productId.isEmpty()) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, null, what + " without product_id");
        }
        String s = symbols.fromDashed(productId);
        if (s == null) {
            throw new BadFrame(QuarantineReason.INVALID_SYMBOL, "", "product_id '" + productId + "'");
        }
        return s;
    }

    private void interpret() throws BadFrame {
        if (channel == null) {
            if ("error".equals(type)) {
                pending.add(MarketEvent.of(new VenueStatus(header("", EventHeader.NO_TIME), "error",
                        message == null ? "" : message)));
                return;
            }
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, type == null ? "frame without channel" : "type '" + type + "'");
        }
        if (!channel.equals("l2_data") && !channel.equals("market_trades") && !channel.equals("heartbeats")
                && !channel.equals("subscriptions")) {
            throw new BadFrame(QuarantineReason.UNKNOWN_CHANNEL, null, "channel '" + channel + "'");
        }
        if (sequenceNum == Heartbeat.NO_SEQUENCE) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, null, channel + " without sequence_num");
        }
        if (!hasEvents || eventCount == 0) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, null, channel + " without events");
        }
        switch (channel) {
            case "l2_data" -> {
                if (timeMicros == EventHeader.NO_TIME) {
                    throw new BadFrame(QuarantineReason.MISSING_FIELD, null, "l2_data without timestamp");
                }
                for (int i = 0; i < eventCount; i++) {
                    interpretBook(events.get(i));
                }
            }
            case "market_trades" -> {
                for (int i = 0; i < eventCount; i++) {
                    interpretTrades(events.get(i));
                }
            }
            case "heartbeats" -> {
                Event e = events.get(0);
                pending.add(MarketEvent.of(new Heartbeat(header("", timeMicros), sequenceNum, e.heartbeatCounter)));
            }
            default -> interpretSubscriptions();
        }
    }

    private void interpretBook(Event e) throws BadFrame {
        String sym = symbolOf(e.productId, "l2_data event");
        if (!e.hasUpdates) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "l2_data event without updates");
        }
        if ("snapshot".equals(e.type)) {
            pending.add(MarketEvent.of(e.book.snapshot(header(sym, timeMicros))));
        } else if ("update".equals(e.type)) {
            if (e.book.isEmpty()) {
                throw new BadFrame(QuarantineReason.MISSING_FIELD, sym, "l2_data update with no updates");
            }
            pending.add(MarketEvent.of(e.book.delta(header(sym, timeMicros))));
        } else {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, sym, "l2_data event type '" + e.type + "'");
        }
    }

    private void interpretTrades(Event e) throws BadFrame {
        if (!"snapshot".equals(e.type) && !"update".equals(e.type)) {
            throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, null, "market_trades event type '" + e.type + "'");
        }
        if (!e.hasTrades) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, null, "market_trades event without trades");
        }
        if (e.trades.isEmpty()) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, null, "market_trades event with no trades");
        }
        e.trades.sort((a, b) -> Long.compare(a.tradeId(), b.tradeId()));
        for (RawTrade t : e.trades) {
            String sym = symbolOf(t.productId(), "trade");
            FrameReads.checkTrade(t.price().unscaled(), t.price().scale(), t.size().unscaled(), t.size().scale(), sym);
            Side aggressor = switch (t.side()) {
                case "SELL" -> Side.BUY; // the maker sold: the taker bought
                case "BUY" -> Side.SELL;
                default -> throw new BadFrame(QuarantineReason.UNKNOWN_MESSAGE, sym, "trade side '" + t.side() + "'");
            };
            pending.add(MarketEvent.of(new Trade(header(sym, t.timeMicros()), t.price(), t.size(), aggressor,
                    Long.toString(t.tradeId()), "")));
        }
    }

    private void interpretSubscriptions() throws BadFrame {
        List<String[]> all = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < eventCount; i++) {
            Event e = events.get(i);
            any |= e.hasSubscriptions;
            all.addAll(e.subs);
        }
        if (!any) {
            throw new BadFrame(QuarantineReason.MISSING_FIELD, null, "subscriptions event without subscriptions");
        }
        String[] syms = new String[all.size()];
        for (int i = 0; i < all.size(); i++) {
            String pid = all.get(i)[1];
            syms[i] = pid.isEmpty() ? "" : symbolOf(pid, "subscription");
        }
        if (all.isEmpty()) {
            // nothing subscribed (after an unsubscribe)
            pending.add(MarketEvent.of(new Subscription(header("", EventHeader.NO_TIME), "", 0, true, "")));
        }
        for (int i = 0; i < all.size(); i++) {
            pending.add(MarketEvent.of(new Subscription(header(syms[i], EventHeader.NO_TIME), all.get(i)[0], 0, true, "")));
        }
    }
}
