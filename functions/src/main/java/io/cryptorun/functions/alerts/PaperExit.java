package io.cryptorun.functions.alerts;

/**
 * One paper exit ({@code cryptorun.exits}).
 *
 * @param symbol      asset
 * @param entryMicros entry event time
 * @param entryPrice  entry price
 * @param exitMicros  exit event time
 * @param exitPrice   price of the update that triggered the exit
 * @param reason      why
 * @param targetLevel 1-based profit target taken (the highest one when a jump crosses several), 0 otherwise
 * @param fraction    share of the original position closed by this exit
 * @param pnlPct      (exit / entry − 1) × 100
 */
public record PaperExit(String symbol, long entryMicros, double entryPrice, long exitMicros, double exitPrice,
        ExitReason reason, int targetLevel, double fraction, double pnlPct) {}
