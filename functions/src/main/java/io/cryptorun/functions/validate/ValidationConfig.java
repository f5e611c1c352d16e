package io.cryptorun.functions.validate;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * Thresholds of the validation layer (docs/DATA_MULTI_REGION.md "Validation layer").
 *
 * @param window         returns (and log volumes) kept per venue/symbol
 * @param minHistory     returns needed before the own-history z-scores apply
 * @param priceZMax      |robust z| of a trade's return above which it is anomalous vs its own history
 * @param returnMadFloor lower bound of the returns' MAD (fraction of price), e.g. 0.0005 = 5 bp
 * @param volumeZMax     |robust z| of ln(qty) above which a trade's size is anomalous
 * @param volumeMadFloor lower bound of the MAD of ln(qty)
 * @param crossVenueBps  largest deviation, in bp, from the median of the other venues' last prices
 * @param crossVenueMaxAgeMicros other venues' prices older than this are not compared against
 * @param spikeBps       a jump from the previous trade this large is a spike with or without history
 * @param staleAfterMicros a venue/symbol whose newest book data is this old is stale (SPEC §10: WS freshness ≤ 60 s)
 */
public record ValidationConfig(int window, int minHistory, BigDecimal priceZMax, BigDecimal returnMadFloor,
        double volumeZMax, double volumeMadFloor, BigDecimal crossVenueBps, long crossVenueMaxAgeMicros, BigDecimal spikeBps,
        long staleAfterMicros)
        implements Serializable {

    public static ValidationConfig defaults() {
        return new ValidationConfig(200, 30, new BigDecimal("25"), new BigDecimal("0.0005"), 12.0, 0.25,
                new BigDecimal("300"), 60_000_000L, new BigDecimal("1500"), 60_000_000L);
    }

    /** The same thresholds with another spike limit (bp). */
    public ValidationConfig withSpikeBps(BigDecimal bps) {
        return new ValidationConfig(window, minHistory, priceZMax, returnMadFloor, volumeZMax, volumeMadFloor, crossVenueBps,
                crossVenueMaxAgeMicros, bps, staleAfterMicros);
    }
}
