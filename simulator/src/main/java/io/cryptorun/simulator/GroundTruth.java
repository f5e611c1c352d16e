package io.cryptorun.simulator;

import io.cryptorun.sources.json.JsonWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What the simulator put into the market, for QA to compare the scanner's regimes, alerts and gate
 * verdicts against: the regime timeline, every pre-move setup overlapping the run (history included),
 * and per instrument its connection, liquidity class and what the liquidity gates should say.
 * Written as {@code truth.json} beside the manifest.
 */
public record GroundTruth(SimConfig config, List<RegimeSegment> regimes, List<PreMoveSetup> setups, List<InstrumentTruth> instruments) {
    public static final String FILE_NAME = "truth.json";
    public static final String FORMAT = "cryptorun-sim-truth/1";

    /**
     * @param liquidity {@code pass} (spread &lt; 50 bps and depth ±2 % ≥ $100k in every regime),
     *                  {@code fails_in_high_vol} (passes normally, fails when HIGH_VOL widens and thins the
     *                  book) or {@code fail} (fails in every regime); books are noisy, so near a
     *                  threshold individual snapshots may disagree
     */
    public record InstrumentTruth(String symbol, String conn, String tier, long anchorUnscaled, int pricePrecision,
            int qtyPrecision, double spreadBps, double depthUsd, String liquidity) {}

    /** The regime at an instant, or null outside the timeline. */
    public Regime regimeAt(long micros) {
        for (RegimeSegment s : regimes) {
            if (s.contains(micros)) return s.regime();
        }
        return null;
    }

    /**
     * The gate verdict the instrument's books are built to give, from its base spread and depth and
     * how the replayed books relate to them (measured on the default run): in calm regimes the median
     * spread is about the base spread and the median depth ±2 % about 0.9 × the base depth; in HIGH_VOL
     * about 2.4 × and 0.5 × those. Instruments are parameterized to sit well clear of the thresholds.
     */
    static String liquidity(InstrumentSpec s) {
        boolean calmPasses = s.spreadBps() < 50 && 0.9 * s.depthUsd() >= 100_000;
        if (!calmPasses) return "fail";
        boolean highVolPasses = s.spreadBps() * Regime.HIGH_VOL.spreadMult < 50 && 0.5 * s.depthUsd() >= 100_000;
        return highVolPasses ? "pass" : "fails_in_high_vol";
    }

    public String toJson() {
        JsonWriter w = new JsonWriter().beginObject();
        w.field("format", FORMAT).field("generator", config.commandLine()).field("seed", config.seed());
        time(w, "history_start", config.historyStartMicros());
        time(w, "start", config.startMicros());
        time(w, "end", config.endMicros());
        w.name("regimes").beginArray();
        for (RegimeSegment s : regimes) {
            w.beginObject().field("regime", s.regime().name());
            time(w, "start", s.startMicros());
            time(w, "end", s.endMicros());
            w.endObject();
        }
        w.endArray();
        w.name("setups").beginArray();
        for (PreMoveSetup s : setups) {
            w.beginObject().field("symbol", s.symbol()).field("direction", s.direction() > 0 ? "up" : "down");
            time(w, "build_up_start", s.buildUpStartMicros());
            time(w, "accumulation_start", s.accumulationStartMicros());
            time(w, "move_start", s.moveStartMicros());
            time(w, "move_end", s.moveEndMicros());
            time(w, "cooldown_end", s.cooldownEndMicros());
            w.field("move_bps", s.moveBps()).field("retrace_bps", s.retraceBps());
            w.name("build_up_range").value(fixed(s.buildUpRange()));
            w.name("build_up_volume").value(fixed(s.buildUpVolume()));
            w.name("range_peak").value(fixed(s.rangePeak()));
            w.name("volume_peak").value(fixed(s.volumePeak()));
            w.field("featured", s.featured()).endObject();
        }
        w.endArray();
        w.name("instruments").beginArray();
        for (InstrumentTruth i : instruments) {
            w.beginObject().field("symbol", i.symbol()).field("conn", i.conn()).field("tier", i.tier())
                    .field("price_precision", i.pricePrecision()).field("qty_precision", i.qtyPrecision());
            w.name("anchor_price").value(i.anchorUnscaled(), i.pricePrecision());
            w.name("spread_bps").value(fixed(i.spreadBps()));
            w.name("depth_2pct_usd").value(fixed(i.depthUsd()));
            w.field("liquidity", i.liquidity()).endObject();
        }
        w.endArray().endObject();
        return w.toString() + "\n";
    }

    private static void time(JsonWriter w, String name, long micros) {
        w.field(name, Times.seconds(micros)).field(name + "_ts", micros);
    }

    /** Two decimals from the exact binary value of the double: no platform-dependent float formatting. */
    private static io.cryptorun.sources.decimal.Decimal fixed(double v) {
        BigDecimal d = new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN);
        return io.cryptorun.sources.decimal.Decimal.of(d.unscaledValue().longValueExact(), 2);
    }
}
