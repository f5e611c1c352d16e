package io.cryptorun.functions.alerts;

/**
 * One update for an open position (bar close or microstructure tick). NaN marks what this update
 * does not carry; the rule that needs it then does not fire.
 *
 * @param eventMicros     event time
 * @param price           last price (also the exit price)
 * @param validVenueCount venues with a valid book for the symbol (venue health)
 * @param spreadBps       best venue spread (venue health)
 * @param acceleration4h  4h momentum now minus one 4h bar ago, fraction (acceleration reversal)
 * @param momentumScore   MomentumCore sub-score 100·Φ(z) of the latest scan (momentum fade)
 */
public record PriceUpdate(long eventMicros, double price, int validVenueCount, double spreadBps, double acceleration4h,
        double momentumScore) {}
