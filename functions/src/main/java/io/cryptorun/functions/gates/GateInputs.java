package io.cryptorun.functions.gates;

import io.cryptorun.functions.math.Ratio;
import java.math.BigDecimal;

/**
 * What the gates need about one scored asset at one scan tick, as exact as the quantity allows
 * (SPEC §5 "Thresholds are exact"): prices and depth are exact decimals, returns, RSI, the
 * acceleration and the spread are exact {@link Ratio}s (decided by cross-multiplying), and only
 * the quantities computed in floating point (ATR, VADR, ADV, score) are doubles. {@code null},
 * NaN or {@link #NO_TIME} marks a missing value.
 *
 * @param symbol                 asset
 * @param tickMicros             the scan tick (event time)
 * @param signalBarCloseMicros   close (end) time of the last completed 1h bar the score used
 * @param signalBarClose         that bar's close price, exact
 * @param lastPrice              last price known at the tick (the best venue's mid), exact
 * @param atr1h                  ATR(14) on 1h bars
 * @param return24h              r_24h = close_t / close_{t−24h} − 1, exact
 * @param rsi4h                  RSI(14) on 4h bars as 100·avgGain / (avgGain + avgLoss), exact in the averages
 * @param acceleration4h         return of the last closed 4h bar minus that of the one before, exact
 * @param firstFrameAfterTickReceiveMicros receive time of the first frame whose event time passed the tick
 * @param spreadBps              spread of the best eligible venue, (ask − bid)·10⁴ / mid, exact
 * @param depth2pctUsd           depth ±2 % of that venue (USD), exact
 * @param vadr                   SPEC §5 VADR
 * @param vadrBars               1h bars present in the VADR short window
 * @param adv24hUsd              24h average daily volume (USD), for the VADR tier
 * @param score                  final score (SPEC §7)
 */
public record GateInputs(String symbol, long tickMicros, long signalBarCloseMicros, BigDecimal signalBarClose,
        BigDecimal lastPrice, double atr1h, Ratio return24h, Ratio rsi4h, Ratio acceleration4h,
        long firstFrameAfterTickReceiveMicros, Ratio spreadBps, BigDecimal depth2pctUsd, double vadr, int vadrBars,
        double adv24hUsd, double score) {
    /** Marks an absent time. */
    public static final long NO_TIME = Long.MIN_VALUE;
}
