package io.cryptorun.jobs.output;

import io.cryptorun.functions.alerts.AlertDecision;
import io.cryptorun.functions.alerts.ControlCommand;
import io.cryptorun.functions.universe.UniverseEntry;
import io.cryptorun.functions.alerts.PaperExit;
import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.functions.regime.RegimeSnapshot;
import io.cryptorun.functions.scan.GateOutcome;
import io.cryptorun.functions.scan.ScoredAsset;
import io.cryptorun.functions.scoring.FactorWeights;
import io.cryptorun.functions.scoring.Factors;
import io.cryptorun.functions.universe.AssetSnapshot;
import io.cryptorun.sources.json.JsonWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * JSON lines of the analytics streams (regime, scores, alerts, suppressed, exits, control audit):
 * the replay files and the Kafka values of {@code cryptorun.alerts} / {@code cryptorun.exits}
 * carry the same text. Like {@link JsonCodec}: fixed field order, {@code ts} (epoch µs) first.
 *
 * <p>Doubles are written with 10 significant digits and at most 12 decimals, NaN/∞ as
 * {@code null}: enough for any score or ratio, short, and the same text on every JVM (the
 * rounding is exact decimal arithmetic on the double's exact value).
 */
public final class AnalyticsJson {
    private static final MathContext SIGNIFICANT = new MathContext(10, RoundingMode.HALF_EVEN);
    private static final int MAX_DECIMALS = 12;

    private AnalyticsJson() {}

    static JsonWriter num(JsonWriter w, String name, double v) {
        w.name(name);
        if (!Double.isFinite(v)) {
            return w.value((String) null);
        }
        BigDecimal d = new BigDecimal(v).round(SIGNIFICANT);
        if (d.scale() > MAX_DECIMALS) {
            d = d.setScale(MAX_DECIMALS, RoundingMode.HALF_EVEN);
        }
        d = d.stripTrailingZeros();
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        return w.value(d.unscaledValue().longValueExact(), d.scale());
    }

    public static String regime(RegimeSnapshot s) {
        JsonWriter w = new JsonWriter().beginObject().field("ts", s.tsMicros()).field("regime", s.regime().name());
        num(w, "realized_vol_7d", s.realizedVol7d());
        num(w, "breadth", s.breadth());
        num(w, "thrust", s.thrust());
        w.name("votes").beginObject()
                .field("realized_vol", s.votes().realizedVol().name())
                .field("breadth", s.votes().breadth().name())
                .field("thrust", s.votes().thrust().name())
                .endObject();
        num(w, "confidence", s.confidence());
        return w.endObject().toString();
    }

    public static String score(ScoredAsset a) {
        AssetSnapshot in = a.inputs();
        JsonWriter w = new JsonWriter().beginObject().field("ts", a.tickMicros()).field("symbol", a.symbol());
        w.name("inputs").beginObject();
        w.name("returns").beginObject();
        num(w, "1h", in.r1h());
        num(w, "4h", in.r4h());
        num(w, "12h", in.r12h());
        num(w, "24h", in.r24h());
        num(w, "7d", in.r7d());
        w.endObject();
        num(w, "rsi_1h", in.rsi1h());
        num(w, "rsi_4h", in.rsi4h());
        num(w, "adx_4h", in.adx4h());
        num(w, "atr_1h", in.atr1h());
        num(w, "ma20_4h", in.ma20of4h());
        num(w, "close_4h", in.close4h());
        num(w, "acceleration_4h", in.acceleration4h());
        num(w, "vadr", in.vadr());
        w.field("vadr_bars", in.vadrBars());
        num(w, "adv_24h", in.adv24hUsd());
        num(w, "avg_daily_volume_7d", in.avgDailyVolume7dUsd());
        // the prices and depth the gates compare, exactly (a reader can re-check every verdict)
        Microstructure best = in.best();
        w.field("last_price", best == null ? null : best.mid());
        w.field("bid", best == null ? null : best.bid());
        w.field("ask", best == null ? null : best.ask());
        w.field("signal_close", in.signalBarCloseExact());
        num(w, "spread_bps", in.spreadBps());
        w.field("depth_usd", best == null ? null : best.depthTotalUsd());
        w.field("venues_valid", in.validVenueCount());
        w.endObject();
        w.field("regime", a.regime());
        factors(w, "raw", a.raw());
        factors(w, "residual", a.residual());
        factors(w, "sub_scores", a.subScores());
        weights(w, a.weights());
        num(w, "base", a.base());
        num(w, "social", a.social());
        num(w, "score", a.score());
        w.field("band", a.band().name());
        w.field("residualization_skipped", a.residualizationSkipped());
        gates(w, a);
        return w.endObject().toString();
    }

    public static String alert(AlertDecision d) {
        ScoredAsset a = d.scored();
        Microstructure m = a.inputs().best();
        JsonWriter w = new JsonWriter().beginObject().field("ts", a.tickMicros()).field("symbol", a.symbol())
                .field("venue", m.venue());
        num(w, "score", a.score());
        w.field("band", a.band().name()).field("regime", a.regime());
        factors(w, "factors", a.residual());
        factors(w, "sub_scores", a.subScores());
        gates(w, a);
        w.name("microstructure").beginObject()
                .field("ts", m.tsMicros())
                .field("bid", m.bid()).field("ask", m.ask()).field("mid", m.mid())
                .field("spread_bps", m.spreadBps())
                .field("depth_usd", m.depthTotalUsd())
                .field("book_age_ms", m.bookAgeMs())
                .endObject();
        w.field("channel", d.channel());
        w.name("provenance").beginObject().field("venue", m.venue()).field("conn", m.conn())
                .field("frame", m.frameOrdinal()).endObject();
        w.name("attribution").beginArray().value(m.venue() + ": exchange-native WebSocket market data").endArray();
        return w.endObject().toString();
    }

    public static String suppressed(AlertDecision d) {
        ScoredAsset a = d.scored();
        JsonWriter w = new JsonWriter().beginObject().field("ts", a.tickMicros()).field("symbol", a.symbol())
                .field("channel", d.channel());
        num(w, "score", a.score());
        w.field("band", a.band().name()).field("regime", a.regime());
        w.field("reason", d.reasons().length == 0 ? null : d.reasons()[0]);
        w.name("reasons").beginArray();
        for (String r : d.reasons()) {
            w.value(r);
        }
        return w.endArray().endObject().toString();
    }

    public static String exit(PaperExit e) {
        JsonWriter w = new JsonWriter().beginObject().field("ts", e.exitMicros()).field("symbol", e.symbol());
        num(w, "entry", e.entryPrice());
        num(w, "exit", e.exitPrice());
        w.field("reason", e.reason().code());
        num(w, "pnl_pct", e.pnlPct());
        w.field("entry_ts", e.entryMicros());
        num(w, "fraction", e.fraction());
        return w.endObject().toString();
    }

    /** A universe change ({@code universe.jsonl}, table {@code universe}): the tick it holds from first. */
    public static String universe(UniverseEntry e) {
        JsonWriter w = new JsonWriter().beginObject().field("ts", e.tickMicros()).field("symbol", e.symbol())
                .field("eligible", e.eligible()).field("reason", e.reason());
        num(w, "adv_24h_usd", e.adv24hUsd());
        w.field("adv_tier", e.advTier());
        num(w, "vadr_min", e.vadrMinimum());
        num(w, "vadr", e.vadr());
        w.field("vadr_bars", e.vadrBars());
        w.name("venues").beginArray();
        for (String v : e.venues()) w.value(v);
        w.endArray();
        return w.field("best_venue", e.bestVenue()).endObject().toString();
    }

    public static String controlAudit(ControlCommand c) {
        return new JsonWriter().beginObject().field("ts", c.tsMicros()).field("seq", c.seq())
                .field("action", c.action()).field("scope", c.scope()).field("target", c.target())
                .field("ttl_us", c.ttlMicros()).field("user", c.user())
                .field("status", c.problem() == null ? "applied" : "rejected").field("problem", c.problem())
                .endObject().toString();
    }

    private static void factors(JsonWriter w, String name, Factors f) {
        w.name(name).beginObject();
        num(w, "momentum", f.momentum());
        num(w, "technical", f.technical());
        num(w, "volume", f.volume());
        num(w, "quality", f.quality());
        w.endObject();
    }

    private static void weights(JsonWriter w, FactorWeights f) {
        w.name("weights").beginObject();
        num(w, "momentum", f.momentum());
        num(w, "technical", f.technical());
        num(w, "volume", f.volume());
        num(w, "quality", f.quality());
        w.endObject();
    }

    private static void gates(JsonWriter w, ScoredAsset a) {
        w.field("pass", a.pass());
        w.name("gates").beginObject();
        for (GateOutcome g : a.gates()) {
            w.name(g.gate()).beginObject().field("pass", g.pass()).name("reasons").beginArray();
            for (String r : g.reasons()) {
                w.value(r);
            }
            w.endArray().endObject();
        }
        w.endObject();
    }
}
