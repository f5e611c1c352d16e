package io.cryptorun.jobs.output;

import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.model.Bar;
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
                .field("frame", m.frameOrdinal())
                .endObject().toString();
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
