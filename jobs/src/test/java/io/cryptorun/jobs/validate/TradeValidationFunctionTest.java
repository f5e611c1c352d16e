package io.cryptorun.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.validate.TradeValidator;
import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.model.Side;
import io.cryptorun.sources.model.Trade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The validation operator on the trade path: clean trades pass unchanged and in order, a flagged one goes to the
 * quarantine side output with reason {@code anomalous_trade} and its flags, and the per-symbol history is keyed state
 * that survives a snapshot/restore (RocksDB: every access goes through {@code TradeHistorySerializer}).
 *
 * <p>History: 40 trades alternating 50000.00 / 50005.00 (returns ±1 bp, MAD 1 bp, floored at 5 bp). A +2 % trade:
 * robust z = 0.6745 × (≈ 200 bp) / 5 bp ≈ 27 > 25 → {@code price_z} (no spike: 200 bp &lt; 1500 bp); without the
 * history (fewer than 30 returns) the same trade passes, so the restore test fails if the state is lost.
 */
class TradeValidationFunctionTest {
    static final long T0 = 1_736_121_600_000_000L;

    static final class Harness extends KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, MarketEvent> {
        Harness() throws Exception {
            super(new KeyedProcessOperator<>(new TradeValidationFunction(ValidationSettings.defaults())),
                    TradeValidationFunction.SYMBOL_KEY, Types.STRING);
            setStateBackend(new EmbeddedRocksDBStateBackend());
        }

        void trade(MarketEvent e) throws Exception {
            processElement(new StreamRecord<>(e, e.eventTimeMicros() / 1000));
        }

        List<Quarantine> quarantine() {
            List<Quarantine> out = new ArrayList<>();
            var q = getSideOutput(TradeValidationFunction.QUARANTINE);
            if (q != null) q.forEach(r -> out.add(r.getValue()));
            return out;
        }
    }

    static MarketEvent trade(String venue, String symbol, int i, String price) {
        long ts = T0 + i * 1_000_000L;
        return MarketEvent.of(new Trade(new EventHeader(venue, symbol, ts, ts, "c1", i), Decimal.parse(price),
                Decimal.parse("0.5"), Side.BUY, "t" + i, "market"));
    }

    static List<MarketEvent> history(String venue) {
        List<MarketEvent> h = new ArrayList<>();
        for (int i = 0; i < 40; i++) h.add(trade(venue, "BTC/USD", i, i % 2 == 0 ? "50000.00" : "50005.00"));
        return h;
    }

    @Test
    void cleanTradesPassAndASpikeIsQuarantinedWithItsReason() throws Exception {
        try (Harness h = new Harness()) {
            h.open();
            List<MarketEvent> clean = history("kraken");
            for (MarketEvent e : clean) h.trade(e);
            MarketEvent spike = trade("kraken", "BTC/USD", 40, "60000.00"); // +20 %: (60000 − 50005) / 50005 = 1998.8 bp, spike and price_z
            h.trade(spike);
            MarketEvent after = trade("kraken", "BTC/USD", 41, "50000.00");
            h.trade(after);
            List<MarketEvent> expected = new ArrayList<>(clean);
            expected.add(after);
            assertThat(h.extractOutputValues()).containsExactlyElementsOf(expected);
            assertThat(h.quarantine()).singleElement().satisfies(q -> {
                assertThat(q.reason()).isEqualTo(QuarantineReason.ANOMALOUS_TRADE);
                assertThat(q.venue()).isEqualTo("kraken");
                assertThat(q.symbol()).isEqualTo("BTC/USD");
                assertThat(q.frameOrdinal()).isEqualTo(40);
                assertThat(q.detail()).startsWith("spike: jump of 1998.8 bp from the previous trade 50005.00 (limit 1500 bp)").contains("price_z: ");
            });
        }
    }

    @Test
    void theHistoryIsKeyedStateThatSurvivesARestore() throws Exception {
        OperatorSubtaskState snap;
        try (Harness h = new Harness()) {
            h.open();
            for (MarketEvent e : history("kraken")) h.trade(e);
            snap = h.snapshot(1, 1);
        }
        BigDecimal twoPct = new BigDecimal("50000.00").multiply(new BigDecimal("1.02")); // 51000.0000
        try (Harness restored = new Harness()) {
            restored.initializeState(snap);
            restored.open();
            restored.trade(trade("kraken", "BTC/USD", 40, twoPct.toPlainString()));
            assertThat(restored.extractOutputValues()).isEmpty();
            assertThat(restored.quarantine()).singleElement()
                    .satisfies(q -> assertThat(q.detail()).startsWith("price_z: return robust z "));
        }
        try (Harness fresh = new Harness()) { // the same trade with no history passes: the restore is what flags it
            fresh.open();
            fresh.trade(trade("kraken", "BTC/USD", 0, "50000.00"));
            fresh.trade(trade("kraken", "BTC/USD", 40, twoPct.toPlainString()));
            assertThat(fresh.extractOutputValues()).hasSize(2);
            assertThat(fresh.quarantine()).isEmpty();
        }
    }

    /**
     * A savepoint of the per-symbol layout (state {@code trade-history}, before session 7) restores into the per-venue
     * one: the history is moved on the symbol's first trade (a 2 % move is flagged only with it), the old value is
     * cleared, and a snapshot after that carries the new layout alone (a second restore still flags the move).
     */
    @Test
    void aSavepointOfThePerSymbolLayoutIsMigrated() throws Exception {
        TradeValidator v = new TradeValidator(io.cryptorun.functions.validate.ValidationConfig.defaults());
        TradeValidator.History old = new TradeValidator.History();
        for (MarketEvent e : history("kraken")) {
            Trade t = e.trade();
            assertThat(v.check(old, "kraken", "BTC/USD", t.header().eventTimeMicros(), t.price().toBigDecimal(), t.qty().toBigDecimal())).isEmpty();
        }
        OperatorSubtaskState legacySnapshot;
        try (var w = new KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, MarketEvent>(
                new KeyedProcessOperator<>(new LegacyWriter(old)), TradeValidationFunction.SYMBOL_KEY, Types.STRING)) {
            w.setStateBackend(new EmbeddedRocksDBStateBackend());
            w.open();
            w.processElement(new StreamRecord<>(trade("kraken", "BTC/USD", 0, "50000.00"), T0 / 1000));
            legacySnapshot = w.snapshot(1, 1);
        }
        BigDecimal twoPct = new BigDecimal("50000.00").multiply(new BigDecimal("1.02"));
        OperatorSubtaskState migrated;
        try (Harness restored = new Harness()) {
            restored.initializeState(legacySnapshot);
            restored.open();
            restored.trade(trade("kraken", "BTC/USD", 40, twoPct.toPlainString()));
            assertThat(restored.extractOutputValues()).isEmpty();
            assertThat(restored.quarantine()).singleElement().satisfies(q -> assertThat(q.detail()).startsWith("price_z: "));
            migrated = restored.snapshot(2, 2);
        }
        try (var check = new KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, MarketEvent>(
                new KeyedProcessOperator<>(new LegacyReader()), TradeValidationFunction.SYMBOL_KEY, Types.STRING)) {
            check.setStateBackend(new EmbeddedRocksDBStateBackend());
            check.initializeState(migrated);
            check.open();
            check.processElement(new StreamRecord<>(trade("kraken", "BTC/USD", 41, "50000.00"), T0 / 1000));
            assertThat(check.extractOutputValues()).as("the old value is cleared").isEmpty();
        }
        try (Harness again = new Harness()) {
            again.initializeState(migrated);
            again.open();
            again.trade(trade("kraken", "BTC/USD", 42, twoPct.toPlainString()));
            assertThat(again.quarantine()).as("the history lives in the new layout").singleElement();
        }
    }

    /** Writes a per-symbol history under the old state name, as the operator did before. */
    static final class LegacyWriter extends org.apache.flink.streaming.api.functions.KeyedProcessFunction<String, MarketEvent, MarketEvent> {
        private final TradeValidator.History history;

        LegacyWriter(TradeValidator.History history) {
            this.history = history;
        }

        @Override
        public void processElement(MarketEvent e, Context ctx, org.apache.flink.util.Collector<MarketEvent> out) throws Exception {
            getRuntimeContext().getState(new org.apache.flink.api.common.state.ValueStateDescriptor<>("trade-history",
                    io.cryptorun.functions.validate.TradeHistorySerializer.INSTANCE)).update(history);
        }
    }

    /** Emits the trade when the old state name still holds a value for its symbol. */
    static final class LegacyReader extends org.apache.flink.streaming.api.functions.KeyedProcessFunction<String, MarketEvent, MarketEvent> {
        @Override
        public void processElement(MarketEvent e, Context ctx, org.apache.flink.util.Collector<MarketEvent> out) throws Exception {
            if (getRuntimeContext().getState(new org.apache.flink.api.common.state.ValueStateDescriptor<>("trade-history",
                    io.cryptorun.functions.validate.TradeHistorySerializer.INSTANCE)).value() != null) {
                out.collect(e);
            }
        }
    }

    @Test
    void symbolsAreKeyedApartAndOtherVenuesConfirmAMove() throws Exception {
        try (Harness h = new Harness()) {
            h.open();
            for (MarketEvent e : history("kraken")) h.trade(e);
            for (MarketEvent e : history("coinbase")) h.trade(e);
            for (MarketEvent e : history("gemini")) h.trade(e);
            // ETH/USD has no history: its first trades pass whatever the BTC/USD history says
            h.trade(trade("kraken", "ETH/USD", 41, "3000.00"));
            h.trade(trade("kraken", "ETH/USD", 42, "3060.00"));
            // coinbase moves 2 %: within 300 bp of the other venues' median (~199 bp), so confirmed, not price_z
            h.trade(trade("coinbase", "BTC/USD", 43, "51000.00"));
            // kraken prints 5 % up: 1997.5 / 50502.5 = 395.5 bp from the median of coinbase and gemini -> quarantined
            h.trade(trade("kraken", "BTC/USD", 44, "52500.00"));
            assertThat(h.extractOutputValues()).hasSize(3 * 40 + 2 + 1);
            assertThat(h.quarantine()).singleElement().satisfies(q -> {
                assertThat(q.venue()).isEqualTo("kraken");
                assertThat(q.detail()).startsWith("cross_venue: price 52500.00 is 395.5 bp from the other venues' median")
                        .contains("price_z: ");
            });
        }
    }
}
