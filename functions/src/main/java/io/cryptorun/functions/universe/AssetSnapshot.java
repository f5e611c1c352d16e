package io.cryptorun.functions.universe;

import io.cryptorun.functions.micro.Microstructure;

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
 */
public record AssetSnapshot(
        String symbol, long tickMicros, String ineligibleReason, double r1h, double r4h, double r12h, double r24h,
        double r7d, double rsi1h, double rsi4h, double adx4h, double atr1h, double ma20of4h, double close4h,
        double acceleration4h, double vadr, int vadrBars, double adv24hUsd, double avgDailyVolume7dUsd,
        long signalBarCloseMicros, double signalBarClose, Microstructure best, int validVenueCount,
        double realizedVol7d) {

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
}
