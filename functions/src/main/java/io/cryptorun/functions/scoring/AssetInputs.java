package io.cryptorun.functions.scoring;

import java.util.Objects;

/**
 * Everything the score needs about one asset at one scan tick, as plain numbers, so scoring does
 * not depend on how indicators are computed. Returns are fractions (0.05 = +5 %). NaN marks a
 * missing value (see {@link CrossSection} for how it is treated).
 *
 * @param symbol          e.g. "BTC/USD"
 * @param r1h             1h return
 * @param r4h             4h return
 * @param r12h            12h return
 * @param r24h            24h return
 * @param r7d             7d return
 * @param rsi4h           RSI(14) on 4h bars, 0–100
 * @param adx4h           ADX(14) on 4h bars
 * @param close4h         last 4h close
 * @param ma20of4h        MA20 of 4h closes
 * @param volume24hUsd    traded volume over the last 24 h (USD)
 * @param avgDailyVolume7dUsd average daily volume over the last 7 days (USD)
 * @param vadr            SPEC §5 VADR
 * @param spreadBps       spread of the best eligible venue (bps)
 * @param depth2pctUsd    depth ±2 % of the best eligible venue (USD)
 * @param validVenueCount venues with a valid book for this symbol
 * @param social          external social score (0 when absent; capped at scoring)
 */
public record AssetInputs(String symbol, double r1h, double r4h, double r12h, double r24h, double r7d, double rsi4h,
        double adx4h, double close4h, double ma20of4h, double volume24hUsd, double avgDailyVolume7dUsd, double vadr,
        double spreadBps, double depth2pctUsd, int validVenueCount, double social) {
    public AssetInputs {
        Objects.requireNonNull(symbol, "symbol");
    }
}
