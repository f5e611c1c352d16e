package io.cryptorun.simulator;

/**
 * A ground-truth pre-move setup on one symbol, in phases:
 * <ol>
 *   <li>build-up {@code [buildUpStart, accumulationStart)}: hourly range and volume rise to
 *       {@code buildUpRange}/{@code buildUpVolume} × normal, price goes nowhere in particular — this is
 *       what lifts VADR (24 h vs 96 h volume-weighted range) towards the gate minimum;</li>
 *   <li>accumulation {@code [accumulationStart, moveStart)}, 1–3 h: range and volume expand further,
 *       to {@code rangePeak}/{@code volumePeak}, with a slight lean in the move's direction;</li>
 *   <li>move {@code [moveStart, moveEnd)}: price moves about {@code moveBps} in {@code direction};</li>
 *   <li>cooldown {@code [moveEnd, cooldownEnd)}: activity decays and price gives back {@code retraceBps}.</li>
 * </ol>
 *
 * @param direction +1 up, -1 down
 * @param moveBps   size of the move in basis points of log return (700 ≈ 7 %)
 * @param featured  true when added only to guarantee a move inside the frame period
 */
public record PreMoveSetup(
        String symbol, int direction, long buildUpStartMicros, long accumulationStartMicros, long moveStartMicros,
        long moveEndMicros, long cooldownEndMicros, int moveBps, int retraceBps, double buildUpRange,
        double buildUpVolume, double rangePeak, double volumePeak, boolean featured) {

    public boolean overlaps(long fromMicros, long toMicros) {
        return buildUpStartMicros < toMicros && cooldownEndMicros > fromMicros;
    }
}
