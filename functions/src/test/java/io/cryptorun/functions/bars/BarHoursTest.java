package io.cryptorun.functions.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bar-hour decision: due exactly at the hour's end, history wins, late after the decision. */
class BarHoursTest {
    static final long H = 3_600_000_000L;
    static final long T = 1_736_121_600_000_000L; // an hour start

    @Test
    void anHourIsDueExactlyWhenEventTimeReachesItsEndEachOnceInOrder() {
        assertThat(BarHours.HOUR).isEqualTo(H);
        List<Long> trade = List.of(T + H, T);
        List<Long> history = List.of(T, T + 2 * H);
        assertThat(BarHours.due(trade, history, T + H - 1)).isEmpty();
        assertThat(BarHours.due(trade, history, T + H)).containsExactly(T);
        assertThat(BarHours.due(trade, history, T + 3 * H - 1)).containsExactly(T, T + H);
        assertThat(BarHours.due(trade, history, T + 3 * H)).containsExactly(T, T + H, T + 2 * H);
    }

    @Test
    void theHistoryBarWinsItsHour() {
        BarAggregator history = new BarAggregator(T);
        BarAggregator built = new BarAggregator(T);
        assertThat(BarHours.decide(history, built)).isEqualTo(new BarHours.Decision(history, true, true));
        assertThat(BarHours.decide(history, null)).isEqualTo(new BarHours.Decision(history, true, false));
        assertThat(BarHours.decide(null, built)).isEqualTo(new BarHours.Decision(built, false, false));
        assertThatThrownBy(() -> BarHours.decide(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHistoryBarIsLateOnceItsHourWasDecided() {
        assertThat(BarHours.isLate(T, null)).isFalse();
        assertThat(BarHours.isLate(T, T + H - 1)).isFalse();
        assertThat(BarHours.isLate(T, T + H)).isTrue();
        assertThat(BarHours.isLate(T, T + H + 1)).isTrue();
    }
}
