package io.cryptorun.functions.alerts;

/**
 * An open paper position (long only: the scanner looks for upside pre-moves). Immutable and
 * POJO-serializable so an operator can keep it in keyed state.
 *
 * @param symbol            asset
 * @param entryMicros       alert event time
 * @param entryPrice        alert price
 * @param entryAtr          ATR(1h) at entry; both stops are measured in it so they do not move with later volatility
 * @param highWater         highest update price seen since entry (starts at entry)
 * @param remainingFraction share of the original position still open (1 until a target is hit)
 * @param targetsHit        how many profit targets have been taken
 */
public record PaperPosition(String symbol, long entryMicros, double entryPrice, double entryAtr, double highWater,
        double remainingFraction, int targetsHit) {
    public static PaperPosition open(String symbol, long entryMicros, double entryPrice, double entryAtr) {
        if (!(entryPrice > 0) || !(entryAtr >= 0)) {
            throw new IllegalArgumentException("entry price must be > 0 and ATR ≥ 0");
        }
        return new PaperPosition(symbol, entryMicros, entryPrice, entryAtr, entryPrice, 1.0, 0);
    }
}
