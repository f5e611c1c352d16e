package io.cryptorun.sources.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.fixture.LineDecoder;
import io.cryptorun.sources.fixture.LineOutput;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.time.Rfc3339;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BarHistoryLineDecoderTest {
    static final String HEADER = BarHistoryLineDecoder.HEADER;
    static final long H10 = Rfc3339.parseMicros("2024-05-01T10:00:00Z");

    /** Captures what the decoder puts out for one line. */
    static final class Capture implements LineOutput<HistoryRecord> {
        Long lineTime;
        final List<HistoryRecord> records = new ArrayList<>();
        final List<Long> timestamps = new ArrayList<>();
        int quarantined;

        @Override
        public void lineTime(long epochMicros) {
            lineTime = epochMicros;
        }

        @Override
        public void emit(HistoryRecord record, long ts) {
            records.add(record);
            timestamps.add(ts);
        }

        @Override
        public void emitQuarantined(HistoryRecord record, long ts) {
            emit(record, ts);
            quarantined++;
        }
    }

    LineDecoder.FileDecoder<HistoryRecord> file;
    long line;

    @BeforeEach
    void open() {
        file = new BarHistoryLineDecoder().createReaderDecoder().openFile("/x/y/bars-2024.csv.gz");
        line = 0;
        assertThat(decode(HEADER).records).isEmpty();
    }

    Capture decode(String text) {
        Capture c = new Capture();
        file.decode(text, ++line, c);
        return c;
    }

    @Test
    void goodRowIsAnExactBarKnownAtItsClose() {
        Capture c = decode("kraken,BTC/USD,1h,2024-05-01T10:00:00Z,60000.1,60500,59900.5,60100.25,12.5e-1,42,6.01e4");
        assertThat(c.quarantined).isZero();
        Bar b = c.records.get(0).bar();
        assertThat(b).isEqualTo(new Bar("kraken", "BTC/USD", "1h", H10, Decimal.of(600001, 1), Decimal.of(60500, 0),
                Decimal.of(599005, 1), Decimal.of(6010025, 2), Decimal.parse("12.5e-1"), 42, Decimal.parse("6.01e4"), Bar.ORIGIN_HISTORY));
        assertThat(b.volume().toPlainString()).isEqualTo("1.25");
        assertThat(c.lineTime).isEqualTo(H10);
        long lastMsOfHour = H10 / 1000 + 3_600_000 - 1;
        assertThat(c.timestamps).containsExactly(lastMsOfHour);
        assertThat(c.records.get(0).timestampMillis()).isEqualTo(lastMsOfHour);
    }

    @Test
    void headerWithByteOrderMarkIsAccepted() {
        file = new BarHistoryLineDecoder().createReaderDecoder().openFile("b.csv");
        Capture h = decode("\uFEFF" + HEADER);
        assertThat(h.records).isEmpty();
        assertThat(decode("kraken,ETH/USD,1h,2024-05-01T10:00:00Z,1,1,1,1,0,0,0").records.get(0).isBar()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kraken,BTC/USD,1h,2024-05-01T10:00:00Z,1,2,1,1,1,1|bad_history_row",
        "kraken,BTC/USD,1h,2024-05-01T10:00:00Z,1,2,1,1,1,1,1,1|bad_history_row",
        ",BTC/USD,1h,2024-05-01T10:00:00Z,1,2,1,1,1,1,1|bad_history_row",
        "kraken,BTCUSD,1h,2024-05-01T10:00:00Z,1,2,1,1,1,1,1|bad_history_row",
        "kraken,BTC/USD,1m,2024-05-01T10:00:00Z,1,2,1,1,1,1,1|unsupported_interval",
        "kraken,BTC/USD,1h,2024-05-01 10:00,1,2,1,1,1,1,1|invalid_timestamp",
        "kraken,BTC/USD,1h,2024-05-01T12:00:00+02:00,1,2,1,1,1,1,1|invalid_timestamp",
        "kraken,BTC/USD,1h,2024-05-01T10:30:00Z,1,2,1,1,1,1,1|invalid_timestamp",
        "kraken,BTC/USD,1h,2024-05-01T10:00:00Z,1,2,x,1,1,1,1|invalid_number",
        "kraken,BTC/USD,1h,2024-05-01T10:00:00Z,1,2,1,1,1,1.5,1|invalid_number",
        "kraken,BTC/USD,1h,2024-05-01T10:00:00Z,1,2,1,1,NaN,1,1|invalid_number",
        "kraken,BTC/USD,1h,2024-05-01T10:00:00Z, 1,2,1,1,1,1,1|invalid_number",
        "kraken,BTC/USD,1h,2024-05-01T10:00:00Z,0,2,1,1,1,1,1|non_positive_price",
        "kraken,BTC/USD,1h,2024-05-01T10:00:00Z,1,1.5,1,2,1,1,1|inconsistent_bar",
        "kraken,BTC/USD,1h,2024-05-01T10:00:00Z,2,3,1.5,1,1,1,1|inconsistent_bar",
        "kraken,BTC/USD,1h,2024-05-01T10:00:00Z,1,2,1,1,-0.1,1,1|inconsistent_bar",
        "kraken,BTC/USD,1h,2024-05-01T10:00:00Z,1,2,1,1,1,-3,1|inconsistent_bar",
    })
    void badRowsAreQuarantinedWithReasonPlaceAndRawRow(String row, String reason) {
        Capture c = decode(row);
        assertThat(c.records).hasSize(1);
        assertThat(c.quarantined).isEqualTo(1);
        var q = c.records.get(0).bad();
        assertThat(q.reason()).isEqualTo(reason);
        assertThat(q.frame()).isEqualTo(row);
        assertThat(q.conn()).isEqualTo("bars-2024.csv.gz");
        assertThat(q.frameOrdinal()).isEqualTo(2);
        assertThat(q.detail()).startsWith("bars-2024.csv.gz:2: ");
    }

    @Test
    void highEqualToOpenAndZeroVolumeAreFine() {
        Capture c = decode("kraken,BTC/USD,1h,2024-05-01T10:00:00Z,2,2,2,2,0,0,0");
        assertThat(c.records.get(0).isBar()).isTrue();
    }

    @Test
    void rowGoingBackInTimeIsOutOfOrderAndKeepsTheMergeMonotonic() {
        decode("kraken,BTC/USD,1h,2024-05-01T11:00:00Z,1,1,1,1,1,1,1");
        Capture back = decode("kraken,BTC/USD,1h,2024-05-01T10:00:00Z,1,1,1,1,1,1,1");
        assertThat(back.records.get(0).bad().reason()).isEqualTo(QuarantineReason.OUT_OF_ORDER);
        assertThat(back.lineTime).isEqualTo(H10 + 3_600_000_000L);
        assertThat(back.records.get(0).timestampMillis()).isEqualTo((H10 + 3_600_000_000L) / 1000 + 3_600_000 - 1);
        // the same open time again (another symbol) is fine
        assertThat(decode("kraken,ETH/USD,1h,2024-05-01T11:00:00Z,1,1,1,1,1,1,1").records.get(0).isBar()).isTrue();
    }

    @Test
    void fileWithoutHeaderRefusesEveryRow() {
        file = new BarHistoryLineDecoder().createReaderDecoder().openFile("nohdr.csv");
        line = 0;
        Capture first = decode("kraken,BTC/USD,1h,2024-05-01T10:00:00Z,1,1,1,1,1,1,1");
        Capture second = decode("kraken,BTC/USD,1h,2024-05-01T11:00:00Z,1,1,1,1,1,1,1");
        assertThat(first.records.get(0).bad().reason()).isEqualTo(QuarantineReason.BAD_HISTORY_HEADER);
        assertThat(second.records.get(0).bad().reason()).isEqualTo(QuarantineReason.BAD_HISTORY_HEADER);
    }

    @Test
    void oversizeRowIsQuarantined() {
        Capture c = new Capture();
        file.oversizeLine("kraken,", 10_000, 9, c);
        assertThat(c.records.get(0).bad().reason()).isEqualTo(QuarantineReason.BAD_HISTORY_ROW);
        assertThat(c.records.get(0).bad().detail()).contains("10000 chars");
    }
}
