package io.cryptorun.simulator;

import io.cryptorun.simulator.InstrumentSpec.Tier;
import io.cryptorun.sources.decimal.Decimal;
import java.util.List;

/**
 * The fixed list of simulated Kraken USD pairs, most liquid first; a run with K symbols takes the
 * first K. Price levels are those of early January 2025 and precisions are Kraken-like (BTC 1/8,
 * ETH 2/8, DOGE 7/8, SHIB and PEPE with prices below 1e-4 so that exponent notation appears on the
 * wire). Positions 19–24 are deliberately thin or wide so that the default 24-symbol run has
 * assets that fail the spread (&lt; 50 bps) or depth (±2 % ≥ $100k) gates always, sometimes
 * (in high volatility) or never.
 */
public final class Universe {
    private Universe() {}

    /** All pairs, in the order runs take them. */
    public static final List<InstrumentSpec> ALL = List.of(
            // symbol, anchor (written at the price precision), qty precision, qty min, tier, vol, market share,
            // spread bps, depth ±2% USD, level gap bps, USD/hour, trades/hour, book msgs/s
            spec("BTC/USD", "98432.1", 8, "0.00005", Tier.MAJOR, 0.50, 0.85, 0.6, 3_000_000, 0.6, 12e6, 1300, 3.0),
            spec("ETH/USD", "3652.47", 8, "0.002", Tier.MAJOR, 0.62, 0.75, 0.9, 2_000_000, 0.8, 6e6, 1000, 2.8),
            spec("SOL/USD", "216.34", 8, "0.02", Tier.MAJOR, 0.80, 0.65, 1.4, 900_000, 1.2, 2.5e6, 700, 1.5),
            spec("XRP/USD", "2.39541", 8, "2", Tier.MAJOR, 0.85, 0.55, 1.6, 800_000, 1.5, 3e6, 750, 1.5),
            spec("ADA/USD", "1.049683", 8, "5", Tier.MID, 0.85, 0.55, 4.0, 400_000, 3.0, 6e5, 182, 0.42),
            spec("DOGE/USD", "0.3853421", 8, "13", Tier.MAJOR, 0.90, 0.55, 2.0, 600_000, 2.0, 1.2e6, 420, 0.8),
            spec("AVAX/USD", "40.87", 8, "0.1", Tier.MID, 0.90, 0.55, 5.0, 280_000, 4.0, 3e5, 112, 0.34),
            spec("DOT/USD", "7.6129", 8, "0.5", Tier.MID, 0.85, 0.55, 5.5, 260_000, 4.0, 2e5, 84, 0.3),
            spec("LINK/USD", "23.81442", 8, "0.2", Tier.MID, 0.88, 0.55, 4.5, 320_000, 3.5, 4e5, 119, 0.34),
            spec("LTC/USD", "108.72", 8, "0.05", Tier.MID, 0.75, 0.55, 4.0, 350_000, 3.0, 3.5e5, 105, 0.34),
            spec("SHIB/USD", "0.000023154", 5, "200000", Tier.MID, 1.00, 0.45, 8.0, 250_000, 5.0, 2.5e5, 77, 0.26),
            spec("PEPE/USD", "0.0000203417", 5, "500000", Tier.MID, 1.20, 0.40, 12.0, 160_000, 6.0, 3e5, 91, 0.26),
            spec("BCH/USD", "447.31", 8, "0.01", Tier.MID, 0.80, 0.50, 6.0, 250_000, 4.0, 1.5e5, 56, 0.21),
            spec("XLM/USD", "0.423117", 8, "12", Tier.MID, 0.90, 0.50, 7.0, 240_000, 5.0, 1.5e5, 63, 0.21),
            spec("UNI/USD", "14.632", 8, "0.3", Tier.MID, 0.95, 0.45, 8.0, 140_000, 6.0, 1.2e5, 49, 0.19),
            spec("ATOM/USD", "7.0251", 8, "0.6", Tier.MID, 0.90, 0.45, 8.0, 150_000, 6.0, 1e5, 46, 0.19),
            spec("NEAR/USD", "5.4713", 8, "0.8", Tier.MID, 1.00, 0.45, 9.0, 140_000, 7.0, 1e5, 42, 0.17),
            spec("AAVE/USD", "342.71", 8, "0.01", Tier.MID, 1.00, 0.45, 9.0, 150_000, 7.0, 1.2e5, 42, 0.17),
            // thin: BONK, WIF and TIA fail the gates in high volatility, FLOKI fails depth, KAS and JASMY fail both
            spec("BONK/USD", "0.00003402", 5, "200000", Tier.SMALL, 1.40, 0.35, 30.0, 190_000, 18.0, 6e4, 28, 0.12),
            spec("WIF/USD", "2.0734", 5, "2", Tier.SMALL, 1.30, 0.35, 18.0, 150_000, 12.0, 8e4, 31, 0.12),
            spec("FLOKI/USD", "0.00020412", 5, "40000", Tier.SMALL, 1.40, 0.35, 42.0, 65_000, 25.0, 4e4, 21, 0.1),
            spec("TIA/USD", "5.2163", 5, "1", Tier.SMALL, 1.20, 0.35, 22.0, 170_000, 15.0, 5e4, 24, 0.12),
            spec("KAS/USD", "0.12347", 8, "40", Tier.SMALL, 1.10, 0.30, 68.0, 45_000, 35.0, 2.5e4, 14, 0.09),
            spec("JASMY/USD", "0.039812", 8, "120", Tier.SMALL, 1.30, 0.30, 62.0, 70_000, 30.0, 3e4, 15, 0.09),
            spec("ALGO/USD", "0.43821", 8, "10", Tier.MID, 0.95, 0.45, 9.0, 130_000, 7.0, 8e4, 35, 0.15),
            spec("FIL/USD", "5.321", 8, "0.8", Tier.MID, 1.00, 0.45, 10.0, 120_000, 8.0, 7e4, 31, 0.15),
            spec("ETC/USD", "27.613", 8, "0.2", Tier.MID, 0.90, 0.45, 9.0, 140_000, 7.0, 8e4, 31, 0.15),
            spec("ICP/USD", "10.613", 8, "0.4", Tier.MID, 1.00, 0.40, 11.0, 110_000, 8.0, 6e4, 28, 0.13),
            spec("ARB/USD", "0.8041", 8, "5", Tier.MID, 1.05, 0.40, 10.0, 120_000, 8.0, 7e4, 31, 0.15),
            spec("OP/USD", "2.0932", 8, "2", Tier.MID, 1.05, 0.40, 10.0, 115_000, 8.0, 6e4, 28, 0.13),
            spec("INJ/USD", "24.411", 8, "0.2", Tier.SMALL, 1.20, 0.35, 16.0, 90_000, 12.0, 4e4, 21, 0.1),
            spec("SUI/USD", "5.1903", 8, "1", Tier.MID, 1.10, 0.40, 9.0, 150_000, 7.0, 1e5, 38, 0.17),
            spec("APT/USD", "9.6234", 8, "0.5", Tier.SMALL, 1.10, 0.35, 14.0, 95_000, 10.0, 4e4, 21, 0.1),
            spec("RENDER/USD", "7.811", 8, "0.6", Tier.SMALL, 1.20, 0.35, 18.0, 80_000, 12.0, 3.5e4, 18, 0.1),
            spec("GRT/USD", "0.23012", 8, "20", Tier.SMALL, 1.10, 0.35, 20.0, 75_000, 14.0, 3e4, 18, 0.09),
            spec("MKR/USD", "1821.3", 8, "0.002", Tier.SMALL, 0.95, 0.40, 15.0, 100_000, 10.0, 4e4, 14, 0.1),
            spec("SAND/USD", "0.6612", 8, "7", Tier.SMALL, 1.15, 0.35, 24.0, 70_000, 15.0, 2.5e4, 14, 0.09),
            spec("MANA/USD", "0.5712", 8, "8", Tier.SMALL, 1.15, 0.35, 26.0, 60_000, 16.0, 2e4, 13, 0.09));

    /** The first {@code k} pairs. */
    public static List<InstrumentSpec> first(int k) {
        if (k < 1 || k > ALL.size()) {
            throw new IllegalArgumentException("symbols must be between 1 and " + ALL.size() + ": " + k);
        }
        return ALL.subList(0, k);
    }

    private static InstrumentSpec spec(String symbol, String anchor, int qtyPrecision, String qtyMin, Tier tier,
            double vol, double marketShare, double spreadBps, double depthUsd, double gapBps, double usdPerHour,
            double tradesPerHour, double bookPerSecond) {
        Decimal a = Decimal.parse(anchor);
        String base = symbol.substring(0, symbol.indexOf('/'));
        return new InstrumentSpec(symbol, base, a.scale(), qtyPrecision, a.unscaled(),
                Decimal.parse(qtyMin).unscaledAt(qtyPrecision), tier, vol, marketShare, spreadBps, depthUsd, gapBps,
                usdPerHour, tradesPerHour, bookPerSecond);
    }
}
