package io.cryptorun.functions.regime;

/**
 * One regime decision, as written to {@code regime_snapshots} and broadcast to scoring.
 *
 * @param tsMicros       event time of the 4h tick, epoch µs
 * @param regime         the regime in force after this tick's switching rule
 * @param realizedVol7d  annualized realized vol (NaN while warming up)
 * @param breadth        fraction of the universe above MA20 (NaN if nobody had an MA20)
 * @param thrust         EMA of the advancing fraction (NaN while warming up)
 * @param votes          this tick's three votes
 * @param confidence     votes for {@link #regime} / 3 — see {@link RegimeVote} for a held regime
 */
public record RegimeSnapshot(
        long tsMicros, Regime regime, double realizedVol7d, double breadth, double thrust, Votes votes,
        double confidence) {

    /** This tick's election result, which may differ from {@link #regime} while a switch awaits confirmation. */
    public Regime winner() {
        return votes.winner();
    }

    /** True when the regime was kept by the switching rule against this tick's winner. */
    public boolean held() {
        return votes.winner() != regime;
    }
}
