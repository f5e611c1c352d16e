package io.cryptorun.functions.regime;

/**
 * The universe's breadth at one 4h close, counted one member at a time (reset between ticks).
 *
 * <ul>
 *   <li><b>breadth</b> = members with {@code close > MA20} / members whose MA20 is warmed up;
 *   <li><b>advancing fraction</b> = members with {@code close > previous 4h close} / members
 *       with a previous 4h close. "Advancing" is strict: an unchanged close is not advancing
 *       (it counts in the denominator only), mirroring the strict {@code close > MA20}.
 * </ul>
 *
 * Members without the history for a ratio are left out of that ratio's denominator rather than
 * counted as "not above": a newly listed asset says nothing about the market's breadth. An empty
 * denominator gives NaN, which {@link RegimeVote} treats as a CHOPPY vote.
 */
public final class BreadthTally {
    private int aboveMa;
    private int withMa;
    private int advancing;
    private int withPrevious;

    /**
     * @param close         this 4h bar's close
     * @param ma20          the member's MA20 on 4h closes including this one; NaN if not warmed up
     * @param previousClose the previous 4h close; NaN if none
     */
    public void observe(double close, double ma20, double previousClose) {
        if (!Double.isNaN(ma20)) {
            withMa++;
            if (close > ma20) {
                aboveMa++;
            }
        }
        if (!Double.isNaN(previousClose)) {
            withPrevious++;
            if (close > previousClose) {
                advancing++;
            }
        }
    }

    public double breadth() {
        return withMa == 0 ? Double.NaN : (double) aboveMa / withMa;
    }

    public double advancingFraction() {
        return withPrevious == 0 ? Double.NaN : (double) advancing / withPrevious;
    }

    public void reset() {
        aboveMa = 0;
        withMa = 0;
        advancing = 0;
        withPrevious = 0;
    }
}
