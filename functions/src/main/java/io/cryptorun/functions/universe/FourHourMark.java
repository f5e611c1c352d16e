package io.cryptorun.functions.universe;

/**
 * One symbol's consolidated 4h close, for the universe-wide regime vote (SPEC §6): breadth
 * (close vs MA20), the advancing fraction (close vs previous close) and — from the regime asset —
 * realized vol 7d.
 *
 * @param inUniverse false for pairs the universe excludes by quote or stablecoin rule (not counted in breadth)
 */
public record FourHourMark(String symbol, long closeMicros, double close, double ma20, double previousClose,
        double realizedVol7d, boolean inUniverse) {}
