package io.cryptorun.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.flink.api.common.accumulators.Histogram;
import org.junit.jupiter.api.Test;

class LatencyAccumulatorsTest {
    @Test
    void nearestRankQuantilesAndClamping() {
        Histogram h = new Histogram();
        for (int i = 1; i <= 100; i++) {
            LatencyAccumulators.add(h, i); // 1..100 ms
        }
        LatencyAccumulators.add(h, -5); // clock skew: 0
        LatencyAccumulators.add(h, 10L * LatencyAccumulators.OVERFLOW_MS); // clamped
        Map<Integer, Integer> c = h.getLocalValue();
        assertThat(LatencyAccumulators.count(c)).isEqualTo(102);
        assertThat(LatencyAccumulators.quantile(c, 0.5)).isEqualTo(50); // rank 51 of 102: 0, 1..50
        assertThat(LatencyAccumulators.quantile(c, 0.99)).isEqualTo(100); // rank 101
        assertThat(LatencyAccumulators.quantile(c, 1.0)).isEqualTo(LatencyAccumulators.OVERFLOW_MS);
        assertThat(LatencyAccumulators.quantile(c, 0.001)).isEqualTo(0);
        assertThat(LatencyAccumulators.quantile(Map.of(), 0.5)).isEqualTo(-1);
    }
}
