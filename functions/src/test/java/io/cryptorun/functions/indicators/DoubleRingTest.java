package io.cryptorun.functions.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DoubleRingTest {

    @Test
    void evictsOldestAndIndexesByLag() {
        DoubleRing ring = new DoubleRing(3);
        assertThat(ring.push(1)).isNaN();
        assertThat(ring.push(2)).isNaN();
        assertThat(ring.push(3)).isNaN();
        assertThat(ring.isFull()).isTrue();
        assertThat(ring.push(4)).isEqualTo(1.0);
        assertThat(ring.get(0)).isEqualTo(4.0);
        assertThat(ring.get(2)).isEqualTo(2.0);
        assertThatThrownBy(() -> ring.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
