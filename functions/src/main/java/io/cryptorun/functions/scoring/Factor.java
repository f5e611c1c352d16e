package io.cryptorun.functions.scoring;

/**
 * The four cross-sectional factor groups in SPEC §7 Gram–Schmidt order. The ordinal is the
 * residualization order: each factor is made orthogonal to every factor before it.
 */
public enum Factor {
    MOMENTUM_CORE,
    TECHNICAL,
    VOLUME,
    QUALITY
}
