package io.cryptorun.functions.gates;

/**
 * What the gates need about one scored asset at one scan tick. NaN (or
 * {@link #NO_TIME} for times) marks a missing value.
 *
 * @param symbol                 asset
 * @param tickMicros             the scan tick (event time)
 * @param signalBarCloseMicros   close (end) time of the last completed 1h bar the score used
 * @param signalBarClose         that bar's close price
 * @param lastPrice              last price known at the tick
 * @param atr1h                  ATR(14) on 1h bars
 * @param return24h              r_24h as a fraction
 * @param rsi4h                  RSI(14) on 4h bars
 * @param acceleration4h         4h momentum now minus 4h momentum one 4h bar ago, fraction (0.02 = 2 pp)
 * @param firstFrameAfterTickReceiveMicros receive time of the first frame whose event time passed the tick
 * @param spreadBps              spread of the best eligible venue
 * @param depth2pctUsd           depth ±2 % of that venue (USD)
 * @param vadr                   SPEC §5 VADR
 * @param vadrBars               1h bars present in the VADR short window
 * @param adv24hUsd              24h average daily volume (USD), for the VADR tier
 * @param score                  final score (SPEC §7)
 */
public record GateInputs(String symbol, long tickMicros, long signalBarCloseMicros, double signalBarClose,
        double lastPrice, double atr1h, double return24h, double rsi4h, double acceleration4h,
        long firstFrameAfterTickReceiveMicros, double spreadBps, double depth2pctUsd, double vadr, int vadrBars,
        double adv24hUsd, double score) {
    /** Marks an absent time. */
    public static final long NO_TIME = Long.MIN_VALUE;
}
