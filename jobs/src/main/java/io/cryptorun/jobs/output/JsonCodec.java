package io.cryptorun.jobs.output;

import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.functions.validate.FlaggedMicrostructure;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Trade;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.json.JsonWriter;

/**
 * The JSON line of every output record. Field order is fixed and {@code ts} (epoch µs) always
 * comes first, which {@link SortedJsonl} relies on for the canonical order; decimals are written
 * exactly as held (no {@code double}).
 */
public final class JsonCodec {
    private JsonCodec() {}

    public static String microstructure(Microstructure m) {
        return microstructureFields(m).endObject().toString();
    }

    /** A flagged record (issue 17): the same line with {@code "flags"} last; clean records carry no such field. */
    public static String flaggedMicrostructure(FlaggedMicrostructure f) {
        JsonWriter w = microstructureFields(f.microstructure()).name("flags").beginArray();
        for (String flag : f.flags()) w.value(flag);
        return w.endArray().endObject().toString();
    }

    private static JsonWriter microstructureFields(Microstructure m) {
        return new JsonWriter().beginObject()
                .field("ts", m.tsMicros())
                .field("venue", m.venue())
                .field("symbol", m.symbol())
                .field("bid", m.bid())
                .field("ask", m.ask())
                .field("mid", m.mid())
                .field("spread_bps", m.spreadBps())
                .field("depth_bid_usd", m.depthBidUsd())
                .field("depth_ask_usd", m.depthAskUsd())
                .field("depth_usd", m.depthTotalUsd())
                .field("imbalance", m.imbalance())
                .field("book_age_ms", m.bookAgeMs())
                .field("valid", m.valid())
                .field("conn", m.conn())
                .field("frame", m.frameOrdinal());
    }

    public static String bar(Bar b) {
        return new JsonWriter().beginObject()
                .field("ts", b.openTimeMicros())
                .field("venue", b.venue())
                .field("symbol", b.symbol())
                .field("interval", b.interval())
                .field("open", b.open())
                .field("high", b.high())
                .field("low", b.low())
                .field("close", b.close())
                .field("volume", b.volume())
                .field("trades", b.trades())
                .field("vwap", b.vwap())
                .field("origin", b.origin())
                .endObject().toString();
    }

    /**
     * An accepted trade ({@code ts} = event time). A venue trade without an id gets one from its
     * provenance, so that its natural key in the trades table stays unique.
     */
    public static String trade(MarketEvent e) {
        Trade t = e.trade();
        EventHeader h = t.header();
        String id = t.tradeId() != null ? t.tradeId()
                : "frame:" + h.conn() + ":" + h.frameOrdinal() + ":" + t.side() + ":" + t.price() + ":" + t.qty();
        return new JsonWriter().beginObject()
                .field("ts", h.eventTimeMicros())
                .field("venue", h.venue())
                .field("symbol", h.symbol())
                .field("trade_id", id)
                .field("price", t.price())
                .field("qty", t.qty())
                .field("side", t.side() == null ? null : t.side().name().toLowerCase(java.util.Locale.ROOT))
                .field("order_type", t.orderType())
                .field("conn", h.conn())
                .field("frame", h.frameOrdinal())
                .field("received_ts", h.receiveTimeMicros())
                .endObject().toString();
    }

    public static String quarantine(Quarantine q) {
        return new JsonWriter().beginObject()
                .field("ts", q.receiveTimeMicros())
                .field("venue", q.venue())
                .field("symbol", q.symbol())
                .field("reason", q.reason())
                .field("detail", q.detail())
                .field("conn", q.conn())
                .field("frame_ordinal", q.frameOrdinal())
                .field("frame", q.frame())
                .endObject().toString();
    }
}
