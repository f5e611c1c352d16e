package io.cryptorun.functions.regime;

import static io.cryptorun.functions.AnalyticsSamples.HOUR;
import static io.cryptorun.functions.AnalyticsSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.universe.FourHourMark;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try")
class RegimeFunctionTest {
    static KeyedOneInputStreamOperatorTestHarness<String, FourHourMark, RegimeSnapshot> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RegimeFunction(RegimeConfig.defaults(), "BTC/USD")), RegimeFunction.KEY, Types.STRING);
    }

    /** Five marks at one close: BTC with realized vol {@code rv}; {@code above} of them above MA20 and advancing. */
    static void close(KeyedOneInputStreamOperatorTestHarness<String, FourHourMark, RegimeSnapshot> h, long close, double rv,
            int above) throws Exception {
        String[] symbols = {"SOL/USD", "BTC/USD", "ETH/USD", "ADA/USD", "XRP/USD"}; // not sorted: the vote sorts
        for (int i = 0; i < symbols.length; i++) {
            boolean up = i < above;
            h.processElement(new StreamRecord<>(new FourHourMark(symbols[i], close, up ? 110 : 90, 100, 100,
                    symbols[i].equals("BTC/USD") ? rv : 0.3, true), close / 1000));
        }
        h.processWatermark(new Watermark(close / 1000));
    }

    @Test
    void votesAtEachCloseWithBreadthAndSwitchesOnlyAsTheSpecSays() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            close(h, T0, 0.3, 4);             // breadth 0.8 → bull vote, thrust warming up (CHOPPY), rv CHOPPY: 1-2 → CHOPPY
            close(h, T0 + 4 * HOUR, 0.7, 1);  // rv ≥ 0.60 HIGH_VOL, breadth 0.2 with rv ≥ 0.45 HIGH_VOL: immediate switch
            List<RegimeSnapshot> out = h.extractOutputValues();
            assertThat(out).extracting(RegimeSnapshot::regime).containsExactly(Regime.CHOPPY, Regime.HIGH_VOL);
            assertThat(out.get(0).breadth()).isEqualTo(0.8);
            assertThat(out.get(0).votes()).isEqualTo(new Votes(Regime.CHOPPY, Regime.TRENDING_BULL, Regime.CHOPPY));
            assertThat(out.get(1).realizedVol7d()).isEqualTo(0.7);
            assertThat(out.get(1).confidence()).isEqualTo(2.0 / 3);
            state = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            close(h, T0 + 8 * HOUR, 0.3, 2);  // 0.4 but rv < 0.45: CHOPPY wins once — not yet confirmed, HIGH_VOL held
            close(h, T0 + 12 * HOUR, 0.3, 2); // CHOPPY twice: switch
            assertThat(h.extractOutputValues()).extracting(RegimeSnapshot::regime).containsExactly(Regime.HIGH_VOL, Regime.CHOPPY);
        }
    }
}
