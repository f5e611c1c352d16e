package io.cryptorun.functions.regime;

import io.cryptorun.functions.math.Threshold;

/**
 * SPEC §6 regime decision: three indicator votes, a majority election, and a switching rule.
 *
 * <p><b>Votes</b> (thresholds from {@link RegimeConfig}, inclusive):
 * realized vol → HIGH_VOL if {@code rv ≥ 0.60}, else CHOPPY; breadth → TRENDING_BULL if
 * {@code ≥ 0.60}, HIGH_VOL if {@code ≤ 0.40 and rv ≥ 0.45}, else CHOPPY; thrust → TRENDING_BULL
 * if {@code ≥ 0.615}, HIGH_VOL if {@code ≤ 0.385}, else CHOPPY. An undefined (NaN) input fails
 * every comparison and so votes CHOPPY, the "otherwise" column: during warm-up the scanner is
 * cautious rather than bullish.
 *
 * <p><b>Switching</b>: the winner of a tick becomes the regime immediately if it is HIGH_VOL;
 * any other winner must win {@code switchConfirmations} (2) consecutive ticks. A tick counts
 * towards that streak whatever the regime was, so CHOPPY winning while HIGH_VOL is in force, twice
 * in a row, leaves HIGH_VOL on the second tick.
 *
 * <p><b>Confidence</b> = votes cast this tick for the regime in force / 3. When the regime
 * follows the tick's winner that is exactly the SPEC's "winning votes / 3" (1/3 for a 1-1-1
 * split). When the regime is <em>held</em> by the switching rule, it is the support the held
 * regime still has this tick — possibly 0, meaning it stands only on the confirmation rule —
 * rather than the challenger's strength, which the snapshot's votes show anyway.
 *
 * <p>Starts in CHOPPY unless told otherwise (so the first TRENDING_BULL needs two ticks, the
 * first HIGH_VOL none). Mutable; the operator keeps {@link #current()}, {@link #lastWinner()} and
 * {@link #streak()} in state and rebuilds it with the restoring constructor.
 */
public final class RegimeVote {
    private final RegimeConfig config;
    private Regime current;
    private Regime lastWinner;
    private int streak;

    public RegimeVote(RegimeConfig config) {
        this(config, Regime.CHOPPY, null, 0);
    }

    /**
     * Restores a decision state.
     *
     * @param current    the regime in force
     * @param lastWinner the previous tick's winner, null before the first tick
     * @param streak     consecutive ticks {@code lastWinner} has won (0 before the first tick)
     */
    public RegimeVote(RegimeConfig config, Regime current, Regime lastWinner, int streak) {
        if (config == null || current == null) {
            throw new IllegalArgumentException("config and current regime are required");
        }
        if ((lastWinner == null) != (streak == 0) || streak < 0) {
            throw new IllegalArgumentException("streak " + streak + " inconsistent with last winner " + lastWinner);
        }
        this.config = config;
        this.current = current;
        this.lastWinner = lastWinner;
        this.streak = streak;
    }

    /*
     * Every cut-off goes through Threshold.admits(double): rv (a square root of logs) and thrust
     * (an EMA) are floating-point quantities, compared with the double nearest the threshold;
     * breadth is a quotient k/n of two counts, for which that comparison is exact (docs/GATES.md).
     */
    public static Regime realizedVolVote(double rv, RegimeConfig c) {
        return Threshold.atLeast(c.realizedVolHighVol()).admits(rv) ? Regime.HIGH_VOL : Regime.CHOPPY;
    }

    public static Regime breadthVote(double breadth, double rv, RegimeConfig c) {
        if (Threshold.atLeast(c.breadthBull()).admits(breadth)) {
            return Regime.TRENDING_BULL;
        }
        if (Threshold.atMost(c.breadthHighVol()).admits(breadth)
                && Threshold.atLeast(c.breadthHighVolMinRv()).admits(rv)) {
            return Regime.HIGH_VOL;
        }
        return Regime.CHOPPY;
    }

    public static Regime thrustVote(double thrust, RegimeConfig c) {
        if (Threshold.atLeast(c.thrustBull()).admits(thrust)) {
            return Regime.TRENDING_BULL;
        }
        if (Threshold.atMost(c.thrustHighVol()).admits(thrust)) {
            return Regime.HIGH_VOL;
        }
        return Regime.CHOPPY;
    }

    public static Votes votes(double rv, double breadth, double thrust, RegimeConfig c) {
        return new Votes(realizedVolVote(rv, c), breadthVote(breadth, rv, c), thrustVote(thrust, c));
    }

    /** Votes on one 4h tick, applies the switching rule and returns the snapshot. */
    public RegimeSnapshot vote(long tsMicros, double realizedVol7d, double breadth, double thrust) {
        Votes votes = votes(realizedVol7d, breadth, thrust, config);
        Regime winner = votes.winner();
        streak = winner == lastWinner ? streak + 1 : 1;
        lastWinner = winner;
        if (winner != current && (winner == Regime.HIGH_VOL || streak >= config.switchConfirmations())) {
            current = winner;
        }
        return new RegimeSnapshot(tsMicros, current, realizedVol7d, breadth, thrust, votes, votes.count(current) / 3.0);
    }

    public Regime current() {
        return current;
    }

    /** The previous tick's winner; null before the first tick. */
    public Regime lastWinner() {
        return lastWinner;
    }

    /** Consecutive ticks {@link #lastWinner()} has won. */
    public int streak() {
        return streak;
    }

    public RegimeConfig config() {
        return config;
    }
}
