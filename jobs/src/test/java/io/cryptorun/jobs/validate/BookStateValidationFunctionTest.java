package io.cryptorun.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.functions.validate.FlaggedMicrostructure;
import io.cryptorun.functions.validate.ValidationFlag;
import io.cryptorun.sources.decimal.Decimal;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * The validation operator on book states: clean records pass unchanged and in order; a record whose mid jumped goes
 * to {@link BookStateValidationFunction#FLAGGED} with its flags (so it is kept out of the indicators); the mid history
 * survives a snapshot/restore (RocksDB); a venue/symbol whose book has had no news for 60 s is counted stale once,
 * and the end of a bounded input is no silence.
 *
 * <p>History: 40 records whose mids alternate 50000.000 / 50002.500 (returns ±0.5 bp, MAD floored at 5 bp). A +2 %
 * mid: robust z ≈ 0.6745 × 200 bp / 5 bp ≈ 27 > 25 → {@code book_price_z}; without the history (fewer than 30
 * returns) the same mid passes, so the restore test fails if the state is lost.
 */
class BookStateValidationFunctionTest {
    static final long T0 = 1_736_121_600_000_000L;

    static final class Harness extends KeyedOneInputStreamOperatorTestHarness<String, Microstructure, Microstructure> {
        final BookStateValidationFunction fn;

        Harness() throws Exception {
            this(new BookStateValidationFunction(ValidationSettings.defaults()));
        }

        private Harness(BookStateValidationFunction fn) throws Exception {
            super(new KeyedProcessOperator<>(fn), BookStateValidationFunction.SYMBOL_KEY, Types.STRING);
            this.fn = fn;
            setStateBackend(new EmbeddedRocksDBStateBackend());
        }

        void record(Microstructure m) throws Exception {
            processElement(new StreamRecord<>(m, m.tsMicros() / 1000));
        }

        List<FlaggedMicrostructure> flagged() {
            List<FlaggedMicrostructure> out = new ArrayList<>();
            var q = getSideOutput(BookStateValidationFunction.FLAGGED);
            if (q != null) q.forEach(r -> out.add(r.getValue()));
            return out;
        }
    }

    /** A two-sided book around {@code mid} (spread 1.000), {@code ageMs} since its last data. */
    static Microstructure record(String venue, int second, String mid, long ageMs) {
        BigDecimal m = new BigDecimal(mid);
        BigDecimal half = new BigDecimal("0.500");
        return new Microstructure(venue, "BTC/USD", T0 + second * 1_000_000L, Decimal.parse(m.subtract(half).toPlainString()),
                Decimal.parse(m.add(half).toPlainString()), Decimal.parse(mid),
                Decimal.parse(BigDecimal.ONE.multiply(BigDecimal.valueOf(10_000)).divide(m, 4, RoundingMode.HALF_EVEN).toPlainString()),
                Decimal.parse("100000.00"), Decimal.parse("100000.00"), Decimal.parse("200000.00"), Decimal.parse("0.0000"),
                ageMs, true, venue + "-0", second);
    }

    static List<Microstructure> history(String venue) {
        List<Microstructure> h = new ArrayList<>();
        for (int i = 0; i < 40; i++) h.add(record(venue, i, i % 2 == 0 ? "50000.000" : "50002.500", 100));
        return h;
    }

    @Test
    void cleanRecordsPassAndAJumpIsFlaggedAndKeptOut() throws Exception {
        try (Harness h = new Harness()) {
            h.open();
            List<Microstructure> clean = history("kraken");
            for (Microstructure m : clean) h.record(m);
            Microstructure jump = record("kraken", 40, "60000.000", 100); // +20 %: book_spike and book_price_z
            h.record(jump);
            Microstructure after = record("kraken", 41, "50000.000", 100);
            h.record(after);
            List<Microstructure> expected = new ArrayList<>(clean);
            expected.add(after);
            assertThat(h.extractOutputValues()).containsExactlyElementsOf(expected);
            assertThat(h.flagged()).singleElement().satisfies(f -> {
                assertThat(f.microstructure()).isEqualTo(jump);
                assertThat(f.flags()).hasSize(2);
                assertThat(f.flags()[0]).isEqualTo(ValidationFlag.BOOK_SPIKE + ": jump of 1999.4 bp from the previous mid 50002.500 (limit 1500 bp)");
                assertThat(f.flags()[1]).startsWith(ValidationFlag.BOOK_PRICE_Z + ": return robust z");
            });
            assertThat(h.fn.count(ValidationFlag.BOOK_SPIKE)).isEqualTo(1);
            assertThat(h.fn.count(ValidationFlag.BOOK_PRICE_Z)).isEqualTo(1);
            assertThat(h.fn.count(ValidationFlag.STALE)).isZero();
        }
    }

    @Test
    void theMidHistorySurvivesASnapshotAndRestore() throws Exception {
        Microstructure twoPercent = record("kraken", 40, "51000.000", 100);
        OperatorSubtaskState snapshot;
        try (Harness h = new Harness()) {
            h.open();
            for (Microstructure m : history("kraken")) h.record(m);
            snapshot = h.snapshot(1, 1);
        }
        try (Harness restored = new Harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.record(twoPercent);
            assertThat(restored.extractOutputValues()).isEmpty();
            assertThat(restored.flagged()).singleElement().satisfies(f -> assertThat(f.flags()[0]).startsWith(ValidationFlag.BOOK_PRICE_Z));
        }
        try (Harness fresh = new Harness()) { // without the history the same record passes
            fresh.open();
            fresh.record(twoPercent);
            assertThat(fresh.extractOutputValues()).containsExactly(twoPercent);
        }
    }

    @Test
    void invalidBooksPassUnjudged() throws Exception {
        try (Harness h = new Harness()) {
            h.open();
            for (Microstructure m : history("kraken")) h.record(m);
            Microstructure r = record("kraken", 40, "90000.000", 100);
            Microstructure invalid = new Microstructure(r.venue(), r.symbol(), r.tsMicros(), r.bid(), r.ask(), r.mid(), r.spreadBps(),
                    r.depthBidUsd(), r.depthAskUsd(), r.depthTotalUsd(), r.imbalance(), r.bookAgeMs(), false, r.conn(), r.frameOrdinal());
            h.record(invalid);
            assertThat(h.extractOutputValues()).endsWith(invalid);
            assertThat(h.flagged()).isEmpty();
        }
    }

    /**
     * Kraken's book has its last data at second 10 (records until 15 show its age growing); Coinbase's keeps moving.
     * Watermark at 69.999 s: not yet stale (the limit is 60 s); at 70 s: Kraken counted once; Coinbase's silence from
     * 80 s is only reached by the end of input, which counts nothing.
     */
    @Test
    void aSilentVenueIsCountedStaleOnceAndTheEndOfInputIsNoSilence() throws Exception {
        try (Harness h = new Harness()) {
            h.open();
            for (int s = 0; s <= 15; s++) h.record(record("kraken", s, "50000.000", s <= 10 ? 0 : (s - 10) * 1000L));
            for (int s = 0; s <= 80; s++) h.record(record("coinbase", s, "50001.000", 0));
            h.processWatermark((T0 + 69_999_999L) / 1000);
            assertThat(h.fn.count(ValidationFlag.STALE)).isZero();
            h.processWatermark((T0 + 70_000_000L) / 1000);
            assertThat(h.fn.count(ValidationFlag.STALE)).isEqualTo(1);
            h.processWatermark((T0 + 75_000_000L) / 1000);
            assertThat(h.fn.count(ValidationFlag.STALE)).as("once per silence").isEqualTo(1);
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.fn.count(ValidationFlag.STALE)).as("end of input").isEqualTo(1);
        }
    }

    /** One timer per symbol, re-armed as it fires: Kraken's silence is counted at 70 s, Coinbase's at 140 s, each once. */
    @Test
    void theSymbolsTimerIsReArmedForTheNextSilence() throws Exception {
        try (Harness h = new Harness()) {
            h.open();
            for (int s = 0; s <= 10; s++) h.record(record("kraken", s, "50000.000", 0));
            for (int s = 0; s <= 80; s++) h.record(record("coinbase", s, "50001.000", 0));
            assertThat(h.numEventTimeTimers()).as("one pending timer for the symbol").isEqualTo(1);
            h.processWatermark((T0 + 70_000_000L) / 1000);
            assertThat(h.fn.count(ValidationFlag.STALE)).isEqualTo(1);
            h.processWatermark((T0 + 139_999_000L) / 1000);
            assertThat(h.fn.count(ValidationFlag.STALE)).isEqualTo(1);
            h.processWatermark((T0 + 140_000_000L) / 1000);
            assertThat(h.fn.count(ValidationFlag.STALE)).isEqualTo(2);
            assertThat(h.numEventTimeTimers()).as("nothing left to wait for").isZero();
        }
    }
}
