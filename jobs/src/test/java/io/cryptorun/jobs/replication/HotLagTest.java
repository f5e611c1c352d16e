package io.cryptorun.jobs.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hot lag in seconds from the newest record times per partition (ms; -1: the partition is empty). */
class HotLagTest {
    @Test
    void theFurthestPartitionDecides() {
        assertThat(HotTier.lagSeconds(Map.of(0, 10_000L, 1, 20_000L), Map.of(0, 10_000L, 1, 20_000L))).isZero();
        assertThat(HotTier.lagSeconds(Map.of(0, 10_000L, 1, 20_000L), Map.of(0, 9_000L, 1, 14_500L))).isEqualTo(5.5);
        assertThat(HotTier.lagSeconds(Map.of(0, 10_000L), Map.of(0, 12_000L))).as("b newer (clock skew, a lost data)").isZero();
    }

    @Test
    void emptyPartitionsAndNothingOnB() {
        assertThat(HotTier.lagSeconds(Map.of(0, -1L), Map.of())).as("nothing on a").isZero();
        assertThat(HotTier.lagSeconds(Map.of(0, 10_000L), Map.of())).isInfinite();
        assertThat(HotTier.lagSeconds(Map.of(0, 10_000L), Map.of(0, -1L))).isInfinite();
    }
}
