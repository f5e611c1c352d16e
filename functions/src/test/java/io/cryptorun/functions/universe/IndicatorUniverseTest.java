package io.cryptorun.functions.universe;

import static io.cryptorun.functions.AnalyticsSamples.MIN;
import static io.cryptorun.functions.AnalyticsSamples.SEC;
import static io.cryptorun.functions.AnalyticsSamples.T0;
import static io.cryptorun.functions.universe.IndicatorFunctionTest.add;
import static io.cryptorun.functions.universe.IndicatorFunctionTest.harness;
import static io.cryptorun.functions.universe.IndicatorFunctionTest.history;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The universe side output of {@link IndicatorFunction}: one {@link UniverseEntry} per change, never a repeat. */
@SuppressWarnings("try")
class IndicatorUniverseTest {
    static List<UniverseEntry> universe(KeyedOneInputStreamOperatorTestHarness<String, SymbolInput, AssetSnapshot> h) {
        List<UniverseEntry> out = new ArrayList<>();
        var emitted = h.getSideOutput(IndicatorFunction.UNIVERSE); // null: nothing emitted yet
        if (emitted != null) emitted.forEach(r -> out.add(r.getValue()));
        return out;
    }

    static void micro(KeyedOneInputStreamOperatorTestHarness<String, SymbolInput, AssetSnapshot> h, String venue, String symbol,
            long ts) throws Exception {
        add(h, SymbolInput.of(io.cryptorun.functions.AnalyticsSamples.micro(venue, symbol, ts, 100, 10, 300_000, venue)), ts);
    }

    @Test
    void anEntryOnlyWhenTheSymbolsPlaceChanges() throws Exception {
        try (var h = harness()) {
            h.open();
            history(h, "SOL/USD");
            micro(h, "kraken", "SOL/USD", T0 + 5 * SEC);            // tick T0+1m: kraken
            micro(h, "kraken", "SOL/USD", T0 + MIN + 5 * SEC);      // tick T0+2m: the same state, no entry
            micro(h, "kraken", "SOL/USD", T0 + 2 * MIN + 5 * SEC);  // tick T0+3m: kraken and coinbase
            micro(h, "coinbase", "SOL/USD", T0 + 2 * MIN + 6 * SEC);
            micro(h, "coinbase", "SOL/USD", T0 + 4 * MIN + 5 * SEC); // tick T0+5m: kraken's book is 2 min old
            h.processWatermark(new Watermark((T0 + 5 * MIN) / 1000));
            assertThat(IndicatorFunctionTest.snapshots(h)).hasSize(4);
            List<UniverseEntry> u = universe(h);
            assertThat(u).extracting(UniverseEntry::tickMicros).containsExactly(T0 + MIN, T0 + 3 * MIN, T0 + 5 * MIN);
            assertThat(u).extracting(e -> String.join(",", e.venues())).containsExactly("kraken", "coinbase,kraken", "coinbase");
            UniverseEntry first = u.get(0);
            assertThat(first.eligible()).isTrue();
            // 24 flat 1h bars of 1000 units at closes 100..102: ADV 2.424M, the $1–5M tier, VADR minimum 1.80
            assertThat(first.advTier()).isEqualTo("mid");
            assertThat(first.vadrMinimum()).isEqualTo(1.80);
            assertThat(first.bestVenue()).isEqualTo("kraken");
        }
    }

    @Test
    void aBookExactlyAtTheMaximumAgeCountsAndOneMicrosecondOlderDoesNot() throws Exception {
        try (var h = harness()) {
            h.open();
            history(h, "SOL/USD");
            history(h, "ETH/USD");
            micro(h, "kraken", "SOL/USD", T0);             // tick T0; at T0+1m it is exactly 60 s old
            micro(h, "kraken", "ETH/USD", T0 - 1);         // tick T0; at T0+1m it is 60 s + 1 µs old
            micro(h, "coinbase", "SOL/USD", T0 + 30 * SEC);
            micro(h, "coinbase", "ETH/USD", T0 + 30 * SEC);
            h.processWatermark(new Watermark((T0 + MIN) / 1000));
            List<UniverseEntry> atMinute = universe(h).stream().filter(e -> e.tickMicros() == T0 + MIN).toList();
            assertThat(atMinute).extracting(UniverseEntry::symbol, e -> String.join(",", e.venues()))
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("SOL/USD", "coinbase,kraken"),
                            org.assertj.core.groups.Tuple.tuple("ETH/USD", "coinbase"));
        }
    }

    @Test
    void excludedSymbolsSayWhy() throws Exception {
        try (var h = harness()) {
            h.open();
            history(h, "USDT/USD");
            micro(h, "kraken", "USDT/USD", T0 + SEC);
            micro(h, "kraken", "ADA/EUR", T0 + SEC);
            micro(h, "kraken", "NEW/USD", T0 + SEC);
            h.processWatermark(new Watermark((T0 + MIN) / 1000));
            assertThat(universe(h)).extracting(UniverseEntry::symbol, UniverseEntry::reason, UniverseEntry::advTier)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("USDT/USD", "stablecoin", "mid"),
                            org.assertj.core.groups.Tuple.tuple("ADA/EUR", "quote_not_usd", "ineligible"),
                            org.assertj.core.groups.Tuple.tuple("NEW/USD", "adv_unknown", "ineligible"));
            assertThat(universe(h)).allMatch(e -> !e.eligible());
        }
    }

    @Test
    void afterARestoreAnUnchangedSymbolIsNotReported() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            history(h, "SOL/USD");
            micro(h, "kraken", "SOL/USD", T0 + 5 * SEC);
            micro(h, "kraken", "SOL/USD", T0 + MIN + 5 * SEC);
            h.processWatermark(new Watermark((T0 + MIN) / 1000));
            assertThat(universe(h)).hasSize(1);
            state = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            h.processWatermark(new Watermark((T0 + 2 * MIN) / 1000));
            assertThat(IndicatorFunctionTest.snapshots(h)).hasSize(1);
            assertThat(universe(h)).isEmpty();
        }
    }
}
