package io.cryptorun.functions;

import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.functions.scan.GateOutcome;
import io.cryptorun.functions.scan.ScoredAsset;
import io.cryptorun.functions.scoring.Band;
import io.cryptorun.functions.scoring.Factors;
import io.cryptorun.functions.scoring.RegimeWeights;
import io.cryptorun.functions.universe.AssetSnapshot;
import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.Bar;

/** Small builders for the analytics operator tests. Times are epoch µs. */
public final class AnalyticsSamples {
    /** 2025-01-06T00:00:00Z. */
    public static final long T0 = 1_736_121_600_000_000L;
    public static final long SEC = 1_000_000L;
    public static final long MIN = 60 * SEC;
    public static final long HOUR = 60 * MIN;

    private AnalyticsSamples() {}

    public static Decimal d(double v) {
        return Decimal.of(Math.round(v * 10_000), 4);
    }

    public static Bar bar(String venue, String symbol, String interval, long open, double o, double h, double l, double c,
            double volume) {
        return new Bar(venue, symbol, interval, open, d(o), d(h), d(l), d(c), d(volume), 10, d(c), Bar.ORIGIN_HISTORY);
    }

    public static Microstructure micro(String venue, String symbol, long ts, double mid, double spreadBps, double depthUsd,
            String conn) {
        double half = mid * spreadBps / 20_000;
        return new Microstructure(venue, symbol, ts, d(mid - half), d(mid + half), d(mid), d(spreadBps), d(depthUsd / 2),
                d(depthUsd / 2), d(depthUsd), d(0), 100, true, conn, 7);
    }

    /** The exact ratio a double was written as; null for NaN. */
    public static io.cryptorun.functions.math.Ratio exact(double v) {
        return Double.isNaN(v) ? null
                : io.cryptorun.functions.math.Ratio.of(io.cryptorun.functions.math.Threshold.decimal(v));
    }

    /** An eligible, fully warmed-up snapshot whose momentum inputs scale with {@code strength}. */
    public static AssetSnapshot snapshot(String symbol, long tick, double strength, String conn) {
        return new AssetSnapshot(symbol, tick, null, 0.01 * strength, 0.02 * strength, 0.03 * strength, 0.02 * strength,
                0.05 * strength, 55, 50 + 5 * strength, 20 + strength, 1.0, 100 * (1 - 0.01 * strength), 100, 0.01, 1.9 + 0.01 * strength,
                24, 2_000_000 + 100_000 * strength, 1_800_000, tick - 10 * MIN, 100, micro("kraken", symbol, tick - SEC, 100.2, 5,
                        500_000, conn), 1, 0.5, d(100), exact(0.02 * strength), exact(50 + 5 * strength), exact(0.01));
    }

    /** A scored asset as {@link io.cryptorun.functions.scan.TickScan} would emit it. */
    public static ScoredAsset scored(String symbol, long tick, double score, double price, double momentumSub,
            double acceleration) {
        AssetSnapshot s = snapshot(symbol, tick, 1, "c1");
        Microstructure m = micro("kraken", symbol, tick - SEC, price, 5, 500_000, "c1");
        AssetSnapshot in = new AssetSnapshot(symbol, tick, null, s.r1h(), s.r4h(), s.r12h(), s.r24h(), s.r7d(), s.rsi1h(),
                s.rsi4h(), s.adx4h(), 2.0, s.ma20of4h(), s.close4h(), acceleration, s.vadr(), s.vadrBars(), s.adv24hUsd(),
                s.avgDailyVolume7dUsd(), s.signalBarCloseMicros(), price, m, 1, 0.5, d(price), s.return24hExact(),
                s.rsi4hExact(), exact(acceleration));
        Factors f = new Factors(1, 0, 0, 0);
        return new ScoredAsset(tick, symbol, in, RegimeWeights.CHOPPY, f, f, new Factors(momentumSub, 50, 50, 50),
                RegimeWeights.choppy().factors(), score, 0, score, Band.MODERATE, false, 0, tick + SEC,
                new GateOutcome[] {new GateOutcome("score", true, new String[0])}, true);
    }
}
