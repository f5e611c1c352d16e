package io.cryptorun.functions.regime;

/**
 * The three indicator votes of one regime tick, and who they elect: a regime with two or more
 * votes wins; a 1-1-1 split elects CHOPPY (deterministic, never random). Three voters over three
 * regimes cannot produce any other outcome.
 */
public record Votes(Regime realizedVol, Regime breadth, Regime thrust) {

    public Votes {
        if (realizedVol == null || breadth == null || thrust == null) {
            throw new IllegalArgumentException("every indicator votes");
        }
        if (realizedVol == Regime.TRENDING_BULL) {
            throw new IllegalArgumentException("realized vol never votes TRENDING_BULL (SPEC §6)");
        }
    }

    public int count(Regime regime) {
        return (realizedVol == regime ? 1 : 0) + (breadth == regime ? 1 : 0) + (thrust == regime ? 1 : 0);
    }

    public Regime winner() {
        for (Regime r : Regime.values()) {
            if (count(r) >= 2) {
                return r;
            }
        }
        return Regime.CHOPPY;
    }
}
