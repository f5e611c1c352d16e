package io.cryptorun.simulator;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.decimal.ExactMath;

/**
 * One simulated Kraken USD pair: exchange metadata (what the {@code instrument} channel sends) and
 * the market-model parameters that make it a major, a mid cap or a thin small cap.
 *
 * <p>Prices and quantities are unscaled longs at the instrument's precision; the price and quantity
 * increments are one unit at that precision, as on Kraken for these pairs.
 *
 * @param symbol          Kraken v2 symbol, {@code BASE/USD}
 * @param base            base asset
 * @param pricePrecision  decimals of a price
 * @param qtyPrecision    decimals of a quantity
 * @param anchorPrice     the mid price at the first frame instant, unscaled at {@code pricePrecision}
 * @param qtyMin          minimum order size, unscaled at {@code qtyPrecision}
 * @param tier            liquidity class
 * @param annualVol       annualized volatility of 1-minute returns in a neutral market
 * @param marketShare     fraction of return variance explained by the market factor
 * @param spreadBps       typical quoted spread in basis points
 * @param depthUsd        typical USD depth within ±2 % of mid (both sides)
 * @param levelGapBps     typical distance between adjacent book levels in basis points
 * @param usdPerHour      typical traded USD notional per hour
 * @param tradesPerHour   typical number of taker orders per hour
 * @param bookPerSecond   typical book update messages per second (excluding post-trade updates)
 */
public record InstrumentSpec(
        String symbol, String base, int pricePrecision, int qtyPrecision, long anchorPrice, long qtyMin, Tier tier,
        double annualVol, double marketShare, double spreadBps, double depthUsd, double levelGapBps,
        double usdPerHour, double tradesPerHour, double bookPerSecond) {

    public enum Tier {
        MAJOR, MID, SMALL;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public String quote() {
        return "USD";
    }

    public Decimal anchor() {
        return Decimal.of(anchorPrice, pricePrecision);
    }

    /** A price in USD as a double, for the model's arithmetic only (never for output). */
    double toUsd(long unscaledPrice) {
        return unscaledPrice / (double) ExactMath.pow10(pricePrecision);
    }

    double priceUnits() {
        return ExactMath.pow10(pricePrecision);
    }

    double qtyUnits() {
        return ExactMath.pow10(qtyPrecision);
    }
}
