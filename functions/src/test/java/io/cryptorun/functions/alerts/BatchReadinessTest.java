package io.cryptorun.functions.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchReadinessTest {
    static final long TICK = 1_736_122_020_000L;
    static final long DEADLINE = TICK + 30_000;

    @Test
    void withTheMarkerTheWatermarkReachingTheTickDecides() {
        assertThat(BatchReadiness.decidable(DEADLINE, TICK, true, TICK - 1)).isFalse(); // a command at T may still come
        assertThat(BatchReadiness.decidable(DEADLINE, TICK, true, TICK)).isTrue();
        assertThat(BatchReadiness.decidable(DEADLINE, TICK, true, TICK + 1)).isTrue();
    }

    @Test
    void withoutTheMarkerOnlyTheDeadlineDecides() {
        assertThat(BatchReadiness.decidable(DEADLINE, TICK, false, TICK)).isFalse();
        assertThat(BatchReadiness.decidable(DEADLINE, TICK, false, DEADLINE - 1)).isFalse();
        assertThat(BatchReadiness.decidable(DEADLINE, TICK, false, DEADLINE)).isTrue();
        assertThat(BatchReadiness.decidable(DEADLINE, TICK, true, DEADLINE)).isTrue();
    }
}
