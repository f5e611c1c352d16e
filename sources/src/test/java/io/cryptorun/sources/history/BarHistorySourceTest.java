package io.cryptorun.sources.history;

import static io.cryptorun.sources.replay.ReplayTestSupport.drain;
import static io.cryptorun.sources.replay.ReplayTestSupport.write;
import static io.cryptorun.sources.replay.ReplayTestSupport.writeManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.sources.fixture.InvalidFixtureException;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.replay.CollectingReaderOutput;
import io.cryptorun.sources.replay.TestReaderContext;
import io.cryptorun.sources.replay.TimeOrderedFileSource;
import io.cryptorun.sources.replay.reader.TimeOrderedFileReader;
import io.cryptorun.sources.replay.split.ReplayFileSplit;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarHistorySourceTest {
    static final String HEADER = BarHistoryLineDecoder.HEADER;

    @TempDir
    Path dir;

    @Test
    void mergesFilesByOpenTimeAndKeepsBadRowsInPlace() throws Exception {
        Path btc = write(dir.resolve("btc.csv.gz"), List.of(HEADER,
                "kraken,BTC/USD,1h,2024-05-01T00:00:00Z,100,110,90,105,10,5,101",
                "kraken,BTC/USD,1h,2024-05-01T02:00:00Z,105,104,90,100,10,5,101",
                "kraken,BTC/USD,1h,2024-05-01T03:00:00Z,100,110,90,105,10,5,101"));
        Path eth = write(dir.resolve("eth.csv"), List.of(HEADER,
                "kraken,ETH/USD,1h,2024-05-01T01:00:00Z,10,11,9,10.5,10,5,10.1",
                "kraken,ETH/USD,1h,2024-05-01T02:00:00Z,10,11,9,10.5,10,5,10.1"));
        var src = BarHistorySource.of(List.of(dir.resolve("eth.csv"), btc));
        var ctx = new TestReaderContext(0);
        var out = new CollectingReaderOutput<HistoryRecord>();
        try (var r = src.createReader(ctx)) {
            r.addSplits(src.paths().stream().map(p -> new ReplayFileSplit(p, 0)).toList());
            r.notifyNoMoreSplits();
            drain(r, out);
        }
        List<String> seq = out.records().stream()
                .map(h -> h.isBar() ? h.bar().symbol() + "@" + h.bar().openTimeMicros() / 3_600_000_000L % 24 : "bad:" + h.bad().reason())
                .toList();
        // 02:00 tie: btc.csv.gz sorts before eth.csv
        assertThat(seq).containsExactly("BTC/USD@0", "ETH/USD@1", "bad:" + QuarantineReason.INCONSISTENT_BAR, "ETH/USD@2", "BTC/USD@3");
        assertThat(out.emitted().stream().map(CollectingReaderOutput.Emitted::timestamp).toList()).isSorted();
        assertThat(out.records().get(0).bar().origin()).isEqualTo(Bar.ORIGIN_HISTORY);
        assertThat(ctx.counter(TimeOrderedFileReader.METRIC_QUARANTINED)).isEqualTo(1);
        assertThat(ctx.counter(TimeOrderedFileReader.METRIC_FRAMES_READ)).isEqualTo(7); // headers are lines read too
    }

    @Test
    void wrongHeaderFailsAtSubmission() throws Exception {
        Path bad = write(dir.resolve("bad.csv"), List.of("venue,symbol,open_time,open", "x"));
        Path empty = write(dir.resolve("empty.csv"), List.of(""));
        Path ok = write(dir.resolve("ok.csv"), List.of("", HEADER));
        assertThatThrownBy(() -> BarHistorySource.of(List.of(bad, empty, ok)))
                .isInstanceOfSatisfying(InvalidFixtureException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.problems().get(0)).contains("bad.csv: first line is not the header");
                    assertThat(e.problems().get(1)).contains("empty.csv: empty");
                });
    }

    @Test
    void directoryMeansItsManifestHistoryFiles() throws Exception {
        Path h = write(dir.resolve("bars.csv"), List.of(HEADER, "kraken,BTC/USD,1h,2024-05-01T00:00:00Z,1,1,1,1,1,1,1"));
        Path frames = write(dir.resolve("frames.jsonl"), List.of("{\"ts\":1,\"venue\":\"kraken\",\"conn\":\"c\",\"frame\":\"{}\"}"));
        writeManifest(dir, List.of(frames), List.of(h));
        assertThat(BarHistorySource.of(List.of(dir)).paths()).containsExactly(h.toString());
    }

    @Test
    void historyRecordIsAPojoType() {
        assertThat(TypeInformation.of(HistoryRecord.class)).isInstanceOf(PojoTypeInfo.class);
        assertThatThrownBy(() -> new HistoryRecord(null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
