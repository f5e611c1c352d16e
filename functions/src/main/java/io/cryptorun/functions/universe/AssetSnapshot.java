package io.cryptorun.functions.universe;

import io.cryptorun.functions.math.Ratio;
import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.decimal.Decimal;
import java.math.BigDecimal;

/**
 * What the scanner knows about one symbol at one scan tick: only data with event time ≤ the tick
 * (point in time). Doubles are NaN where an indicator is still warming up. A POJO record (no
 * collections) so it crosses operators without Kryo.
 *
 * @param tickMicros           the scan tick
 * @param ineligibleReason     null when eligible, else why not ({@code quote_not_usd}, {@code stablecoin},
 *                             {@code adv_unknown}, {@code adv_below_min}, {@code no_valid_book})
 * @param signalBarCloseMicros end of the last consolidated 1h bar, {@link Long#MIN_VALUE} if none
 * @param signalBarClose       its close
 * @param best                 microstructure of the best eligible venue (lowest spread, then deepest,
 *                             then venue name), null when none
 * @param validVenueCount      venues with a valid, fresh book at the tick
 * @param realizedVol7d        annualized realized vol of this symbol's 1h closes over 7 days
 * @param signalBarCloseExact  the signal bar's close, exact (null without one)
 * @param return24hExact       r_24h as an exact ratio of decimal closes (null while undefined)
 * @param rsi4hExact           RSI(4h) as an exact ratio of its Wilder averages (null while undefined)
 * @param acceleration4hExact  the acceleration as an exact ratio of decimal 4h closes (null while undefined)
 */
public record AssetSnapshot(
        String symbol, long tickMicros, String ineligibleReason, double r1h, double r4h, double r12h, double r24h,
        double r7d, double rsi1h, double rsi4h, double adx4h, double atr1h, double ma20of4h, double close4h,
        double acceleration4h, double vadr, int vadrBars, double adv24hUsd, double avgDailyVolume7dUsd,
        long signalBarCloseMicros, double signalBarClose, Microstructure best, int validVenueCount,
        double realizedVol7d, Decimal signalBarCloseExact, Ratio return24hExact, Ratio rsi4hExact,
        Ratio acceleration4hExact) {

    public boolean eligible() {
        return ineligibleReason == null;
    }

    /** Mid of the best venue: the scanner's last price. NaN without one. */
    public double lastPrice() {
        return best == null ? Double.NaN : best.mid().toDouble();
    }

    public double spreadBps() {
        return best == null ? Double.NaN : best.spreadBps().toDouble();
    }

    public double depth2pctUsd() {
        return best == null ? Double.NaN : best.depthTotalUsd().toDouble();
    }

    /** Mid of the best venue, exact; null without one. */
    public BigDecimal lastPriceExact() {
        return best == null ? null : best.mid().toBigDecimal();
    }

    /** Spread of the best venue in bps as the exact ratio (ask − bid)·20 000 / (ask + bid); null without one. */
    public Ratio spreadBpsExact() {
        if (best == null) {
            return null;
        }
        BigDecimal bid = best.bid().toBigDecimal();
        BigDecimal ask = best.ask().toBigDecimal();
        return new Ratio(ask.subtract(bid).multiply(BigDecimal.valueOf(20_000)), ask.add(bid));
    }

    /** Depth ±2 % of the best venue, exact as the record carries it; null without one. */
    public BigDecimal depth2pctUsdExact() {
        return best == null ? null : best.depthTotalUsd().toBigDecimal();
    }
}
