package io.cryptorun.sources.model;

/**
 * The one stream type between the sources and the keyed operators: a tagged union of the
 * normalized records. Exactly the field named by {@code kind} is non-null. A closed union of
 * records keeps Flink on its POJO serializer (an interface-typed stream would fall back to Kryo).
 */
public record MarketEvent(
        EventKind kind,
        Instrument instrument,
        Subscription subscription,
        BookSnapshot snapshot,
        BookDelta delta,
        Trade trade,
        Ticker ticker,
        Heartbeat heartbeat,
        VenueStatus status,
        Quarantine quarantine,
        BookReset reset) {

    public static MarketEvent of(Instrument v) {
        return new MarketEvent(EventKind.INSTRUMENT, v, null, null, null, null, null, null, null, null, null);
    }

    public static MarketEvent of(Subscription v) {
        return new MarketEvent(EventKind.SUBSCRIPTION, null, v, null, null, null, null, null, null, null, null);
    }

    public static MarketEvent of(BookSnapshot v) {
        return new MarketEvent(EventKind.BOOK_SNAPSHOT, null, null, v, null, null, null, null, null, null, null);
    }

    public static MarketEvent of(BookDelta v) {
        return new MarketEvent(EventKind.BOOK_DELTA, null, null, null, v, null, null, null, null, null, null);
    }

    public static MarketEvent of(Trade v) {
        return new MarketEvent(EventKind.TRADE, null, null, null, null, v, null, null, null, null, null);
    }

    public static MarketEvent of(Ticker v) {
        return new MarketEvent(EventKind.TICKER, null, null, null, null, null, v, null, null, null, null);
    }

    public static MarketEvent of(Heartbeat v) {
        return new MarketEvent(EventKind.HEARTBEAT, null, null, null, null, null, null, v, null, null, null);
    }

    public static MarketEvent of(VenueStatus v) {
        return new MarketEvent(EventKind.STATUS, null, null, null, null, null, null, null, v, null, null);
    }

    public static MarketEvent of(Quarantine v) {
        return new MarketEvent(EventKind.QUARANTINE, null, null, null, null, null, null, null, null, v, null);
    }

    public static MarketEvent of(BookReset v) {
        return new MarketEvent(EventKind.BOOK_RESET, null, null, null, null, null, null, null, null, null, v);
    }

    /** Header of the carried record; {@code null} only for {@link EventKind#QUARANTINE}. */
    public EventHeader header() {
        return switch (kind) {
            case INSTRUMENT -> instrument.header();
            case SUBSCRIPTION -> subscription.header();
            case BOOK_SNAPSHOT -> snapshot.header();
            case BOOK_DELTA -> delta.header();
            case TRADE -> trade.header();
            case TICKER -> ticker.header();
            case HEARTBEAT -> heartbeat.header();
            case STATUS -> status.header();
            case BOOK_RESET -> reset.header();
            case QUARANTINE -> null;
        };
    }

    public String venue() {
        return kind == EventKind.QUARANTINE ? quarantine.venue() : header().venue();
    }

    public String symbol() {
        return kind == EventKind.QUARANTINE ? quarantine.symbol() : header().symbol();
    }

    /** Event time in epoch µs (quarantined frames use their receive time). */
    public long eventTimeMicros() {
        return kind == EventKind.QUARANTINE ? quarantine.receiveTimeMicros() : header().eventTimeMicros();
    }

    /**
     * Receive time in epoch µs: the fixture {@code ts} or the live source's stamp. Kept apart from
     * the event time because the late-fill gate compares it with the scan tick.
     */
    public long receiveTimeMicros() {
        return kind == EventKind.QUARANTINE ? quarantine.receiveTimeMicros() : header().receiveTimeMicros();
    }

    /** True for records that change or describe a book, the ones the keyed book operator takes. */
    public boolean isBookInput() {
        return kind == EventKind.BOOK_SNAPSHOT
                || kind == EventKind.BOOK_DELTA
                || kind == EventKind.INSTRUMENT
                || kind == EventKind.BOOK_RESET
                || (kind == EventKind.SUBSCRIPTION && "book".equals(subscription.channel()));
    }
}
