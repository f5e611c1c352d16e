package io.cryptorun.sources.replay.reader;

import io.cryptorun.sources.fixture.BoundedLineReader;
import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.fixture.FixtureLineDecoder;
import io.cryptorun.sources.replay.CollectingReaderOutput;
import io.cryptorun.sources.replay.TestReaderContext;
import io.cryptorun.sources.replay.TimeOrderedFileSource;
import io.cryptorun.sources.replay.split.ReplayFileSplit;
import io.cryptorun.sources.replay.split.ReplayFileSplitSerializer;
import static io.cryptorun.sources.replay.ReplayTestSupport.T0;
import static io.cryptorun.sources.replay.ReplayTestSupport.drain;
import static io.cryptorun.sources.replay.ReplayTestSupport.heartbeatLine;
import static io.cryptorun.sources.replay.ReplayTestSupport.pollUntil;
import static io.cryptorun.sources.replay.ReplayTestSupport.tradeLine;
import static io.cryptorun.sources.replay.ReplayTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeOrderedFileReaderTest {
    @TempDir
    Path dir;

    static final long MS = 1000;

    static TimeOrderedFileSource<MarketEvent> source(List<Path> files, double speed) {
        return TimeOrderedFileSource.create(files, new FixtureLineDecoder(FixtureLineDecoder.DEFAULT_MAX_FRAME_BYTES),
                TypeInformation.of(MarketEvent.class), speed);
    }

    static List<ReplayFileSplit> freshSplits(TimeOrderedFileSource<?> src) {
        return src.paths().stream().map(p -> new ReplayFileSplit(p, 0)).toList();
    }

    /** Reads everything one reader gets when assigned all files. */
    static CollectingReaderOutput<MarketEvent> readAll(TimeOrderedFileSource<MarketEvent> src, TestReaderContext ctx) throws Exception {
        var out = new CollectingReaderOutput<MarketEvent>();
        try (SourceReader<MarketEvent, ReplayFileSplit> r = src.createReader(ctx)) {
            r.start();
            r.addSplits(freshSplits(src));
            r.notifyNoMoreSplits();
            drain(r, out);
        }
        return out;
    }

    /** Three files whose receive times interleave: a at 0,3,6,9,12; b at 1,4,7,10,12; c at 2,5,8,11 (ms). */
    List<Path> threeInterleaved() throws IOException {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        List<String> c = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            a.add(tradeLine(T0 + (3 * i) * MS, "a-conn", "BTC/USD", 100 + i));
            b.add(tradeLine(T0 + (3 * i + 1) * MS, "b-conn", "ETH/USD", 200 + i));
            c.add(tradeLine(T0 + (3 * i + 2) * MS, "c-conn", "SOL/USD", 300 + i));
        }
        a.add(heartbeatLine(T0 + 12 * MS, "a-conn"));
        b.add(heartbeatLine(T0 + 12 * MS, "b-conn"));
        return List.of(write(dir.resolve("c.jsonl"), c), write(dir.resolve("a.jsonl"), a), write(dir.resolve("b.jsonl.gz"), b));
    }

    @Test
    void mergesFilesByReceiveTimeWithTiesBySplitId() throws Exception {
        var out = readAll(source(threeInterleaved(), 0), new TestReaderContext(0));
        List<Long> recv = out.records().stream().map(MarketEvent::receiveTimeMicros).toList();
        assertThat(recv).isSorted().hasSize(14);
        List<String> conns = out.records().stream().map(e -> e.header().conn()).toList();
        assertThat(conns).containsExactly("a-conn", "b-conn", "c-conn", "a-conn", "b-conn", "c-conn", "a-conn", "b-conn",
                "c-conn", "a-conn", "b-conn", "c-conn", "a-conn", "b-conn"); // the 12 ms tie: a.jsonl < b.jsonl.gz
        // event timestamps advance monotonically for the reader (no regression across files)
        assertThat(out.emitted().stream().map(CollectingReaderOutput.Emitted::timestamp).toList()).isSorted();
        // every record leaves through its own file's split output, and every output is released at the end
        for (var e : out.emitted()) {
            assertThat(e.splitId()).endsWith(e.record().header().conn().substring(0, 1) + (e.splitId().endsWith(".gz") ? ".jsonl.gz" : ".jsonl"));
        }
        assertThat(out.released()).containsExactlyInAnyOrderElementsOf(out.created()).hasSize(3);
    }

    @Test
    void perConnectionOrderAndOrdinalsSurviveTheMerge() throws Exception {
        List<String> x = new ArrayList<>();
        for (int i = 0; i < 10; i++) x.add(tradeLine(T0 + i * MS, i % 3 == 0 ? "x1" : "x2", "BTC/USD", i));
        List<String> y = new ArrayList<>();
        for (int i = 0; i < 10; i++) y.add(heartbeatLine(T0 + i * MS + 500, "y1"));
        var out = readAll(source(List.of(write(dir.resolve("x.jsonl"), x), write(dir.resolve("y.jsonl"), y)), 0),
                new TestReaderContext(0));
        Map<String, List<Long>> ordinals = new HashMap<>();
        for (MarketEvent e : out.records()) {
            ordinals.computeIfAbsent(e.header().conn(), k -> new ArrayList<>()).add(e.header().frameOrdinal());
        }
        assertThat(ordinals.get("x1")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(ordinals.get("x2")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(ordinals.get("y1")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        List<String> x1Trades = out.records().stream().filter(e -> e.kind() == EventKind.TRADE && e.header().conn().equals("x1"))
                .map(e -> e.trade().tradeId()).toList();
        assertThat(x1Trades).containsExactly("0", "3", "6", "9");
    }

    @Test
    void gzipAndPlainGiveTheSameRecords() throws Exception {
        List<String> lines = List.of(heartbeatLine(T0, "k"), tradeLine(T0 + MS, "k", "BTC/USD", 1), "", tradeLine(T0 + 2 * MS, "k", "BTC/USD", 2));
        Path plainDir = Files.createDirectory(dir.resolve("p"));
        Path gzDir = Files.createDirectory(dir.resolve("g"));
        var plain = readAll(source(List.of(write(plainDir.resolve("f.jsonl"), lines)), 0), new TestReaderContext(0));
        var gz = readAll(source(List.of(write(gzDir.resolve("f.jsonl.gz"), lines)), 0), new TestReaderContext(0));
        assertThat(gz.records()).isEqualTo(plain.records()).hasSize(3);
    }

    @Test
    void emitsNothingUntilTheSetOfFilesIsKnown() throws Exception {
        var src = source(threeInterleaved(), 0);
        try (var r = src.createReader(new TestReaderContext(0))) {
            var out = new CollectingReaderOutput<MarketEvent>();
            r.addSplits(freshSplits(src).subList(0, 1));
            assertThat(r.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
            assertThat(r.isAvailable()).isNotDone();
            r.addSplits(freshSplits(src).subList(1, 3));
            r.notifyNoMoreSplits();
            assertThat(r.isAvailable()).isDone();
            drain(r, out);
            assertThat(out.records()).hasSize(14);
            assertThat(out.records().get(0).header().conn()).isEqualTo("a-conn");
        }
    }

    @Test
    void readerWithoutSplitsEndsOnceToldNoMore() throws Exception {
        try (var r = source(threeInterleaved(), 0).createReader(new TestReaderContext(3))) {
            var out = new CollectingReaderOutput<MarketEvent>();
            assertThat(r.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
            r.notifyNoMoreSplits();
            assertThat(r.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
            assertThat(r.snapshotState(1)).isEmpty();
        }
    }

    /** Restoring at every record boundary yields exactly the uninterrupted output, provenance included. */
    @Test
    void restoreAtAnyPointGivesTheUninterruptedOutput() throws Exception {
        List<Path> files = new ArrayList<>(threeInterleaved());
        // blank lines and a bad line move positions without emitting frames
        files.add(write(dir.resolve("d.jsonl"), List.of("", heartbeatLine(T0 + 500, "d"), "", "broken", heartbeatLine(T0 + 9_500, "d"), "")));
        var src = source(files, 0);
        List<MarketEvent> expected = readAll(src, new TestReaderContext(0)).records();
        assertThat(expected).hasSize(17);

        for (int k = 1; k < expected.size(); k++) {
            var first = new CollectingReaderOutput<MarketEvent>();
            List<ReplayFileSplit> state;
            try (var r = src.createReader(new TestReaderContext(0))) {
                r.addSplits(freshSplits(src));
                r.notifyNoMoreSplits();
                pollUntil(r, first, k);
                state = r.snapshotState(k);
            }
            var ser = ReplayFileSplitSerializer.INSTANCE;
            List<ReplayFileSplit> restored = new ArrayList<>();
            for (ReplayFileSplit s : state) restored.add(ser.deserialize(ser.getVersion(), ser.serialize(s)));

            var rest = new CollectingReaderOutput<MarketEvent>();
            try (var r = src.createReader(new TestReaderContext(0))) {
                r.addSplits(restored);
                r.notifyNoMoreSplits();
                drain(r, rest);
            }
            List<MarketEvent> joined = new ArrayList<>(first.records());
            joined.addAll(rest.records());
            assertThat(joined).as("restored after %d records from %s", k, state).isEqualTo(expected);
        }
    }

    /** A stop cut: every line at or before it comes out, then the reader waits, reports, and checkpoints the cut. */
    @Test
    void pausesAtTheStopCutAndResumesFromItsCheckpoint() throws Exception {
        List<Path> files = threeInterleaved();
        List<MarketEvent> expected = readAll(source(files, 0), new TestReaderContext(0)).records();
        Path markers = dir.resolve("markers");
        var stopping = source(files, 0).stoppingAt(new ReplayStop(T0 + 5 * MS, markers.toString(), "frames"));

        var first = new CollectingReaderOutput<MarketEvent>();
        List<ReplayFileSplit> state;
        try (var r = stopping.createReader(new TestReaderContext(0))) {
            r.addSplits(freshSplits(stopping));
            r.notifyNoMoreSplits();
            int polls = 0;
            while (r.pollNext(first) == InputStatus.MORE_AVAILABLE && ++polls < 100) {
                // drain up to the cut
            }
            assertThat(first.records()).as("lines at 0..5 ms").hasSize(6);
            assertThat(r.pollNext(first)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
            assertThat(r.isAvailable()).as("waits until stopped").isNotDone();
            assertThat(ReplayStop.readersPaused(markers)).isEqualTo(1);
            state = r.snapshotState(1);
        }
        var rest = new CollectingReaderOutput<MarketEvent>();
        var whole = source(files, 0);
        try (var r = whole.createReader(new TestReaderContext(0))) {
            r.addSplits(state);
            r.notifyNoMoreSplits();
            drain(r, rest);
        }
        List<MarketEvent> joined = new ArrayList<>(first.records());
        joined.addAll(rest.records());
        assertThat(joined).isEqualTo(expected);
    }

    @Test
    void aReaderWhoseInputEndsBeforeTheCutReportsItAndEnds() throws Exception {
        Path markers = dir.resolve("markers");
        var stopping = source(threeInterleaved(), 0).stoppingAt(new ReplayStop(T0 + 60 * MS, markers.toString(), "frames"));
        readAll(stopping, new TestReaderContext(0));
        try (var r = stopping.createReader(new TestReaderContext(1))) {
            r.notifyNoMoreSplits();
            assertThat(r.pollNext(new CollectingReaderOutput<>())).isEqualTo(InputStatus.END_OF_INPUT);
        }
        assertThat(ReplayStop.readersReached(markers)).isEqualTo(2);
        assertThat(ReplayStop.readersPaused(markers)).isZero();
    }

    @Test
    void checkpointHoldsLinesConsumedAndDropsFinishedFiles() throws Exception {
        Path a = write(dir.resolve("a.jsonl"), List.of(heartbeatLine(T0, "a"), "", heartbeatLine(T0 + 10 * MS, "a")));
        Path b = write(dir.resolve("b.jsonl"), List.of(heartbeatLine(T0 + MS, "b")));
        var src = source(List.of(a, b), 0);
        try (var r = src.createReader(new TestReaderContext(0))) {
            var out = new CollectingReaderOutput<MarketEvent>();
            r.addSplits(freshSplits(src));
            assertThat(r.snapshotState(0)).containsExactly(new ReplayFileSplit(a.toString(), 0), new ReplayFileSplit(b.toString(), 0));
            r.notifyNoMoreSplits();
            pollUntil(r, out, 1);
            assertThat(r.snapshotState(1)).containsExactly(new ReplayFileSplit(a.toString(), 1), new ReplayFileSplit(b.toString(), 0));
            pollUntil(r, out, 2);
            assertThat(r.snapshotState(2)).containsExactly(new ReplayFileSplit(a.toString(), 1));
            assertThat(out.released()).containsExactly(b.toString());
        }
    }

    /** A restore deep into a big file skips in bounded steps, emitting nothing until positioned. */
    @Test
    void deepRestoreSkipsAcrossSeveralPollsAndKeepsOrdinals() throws Exception {
        int n = 3 * TimeOrderedFileReader.SKIP_LINES_PER_POLL;
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) lines.add(heartbeatLine(T0 + i, i % 2 == 0 ? "even" : "odd"));
        Path big = write(dir.resolve("big.jsonl.gz"), lines);
        var src = source(List.of(big), 0);
        try (var r = src.createReader(new TestReaderContext(0))) {
            var out = new CollectingReaderOutput<MarketEvent>();
            r.addSplits(List.of(new ReplayFileSplit(big.toString(), n - 3)));
            r.notifyNoMoreSplits();
            int emptyPolls = 0;
            while (out.emitted().isEmpty()) {
                assertThat(r.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
                emptyPolls++;
            }
            assertThat(emptyPolls).isGreaterThanOrEqualTo(3);
            drain(r, out);
            assertThat(out.records()).extracting(e -> e.header().conn() + "#" + e.header().frameOrdinal())
                    .containsExactly("odd#" + (n / 2 - 2), "even#" + (n / 2 - 1), "odd#" + (n / 2 - 1));
        }
    }

    @Test
    void restoreOntoAShorterFileFailsLoudly() throws Exception {
        Path a = write(dir.resolve("a.jsonl"), List.of(heartbeatLine(T0, "a")));
        var src = source(List.of(a), 0);
        try (var r = src.createReader(new TestReaderContext(0))) {
            r.addSplits(List.of(new ReplayFileSplit(a.toString(), 5)));
            r.notifyNoMoreSplits();
            assertThatThrownBy(() -> drain(r, new CollectingReaderOutput<>())).isInstanceOf(IOException.class)
                    .hasMessageContaining("changed since the checkpoint");
        }
    }

    @Test
    void countsFramesBytesAndQuarantined() throws Exception {
        List<String> lines = List.of(heartbeatLine(T0, "k"), "", "oops", new FixtureLine(T0 + 1, "nope", "k", "{}").toJson(),
                tradeLine(T0 + 2, "k", "BTC/USD", 9));
        Path f = write(dir.resolve("m.jsonl"), lines);
        var ctx = new TestReaderContext(0);
        var out = readAll(source(List.of(f), 0), ctx);
        assertThat(out.records()).hasSize(4);
        assertThat(ctx.counter(TimeOrderedFileReader.METRIC_FRAMES_READ)).isEqualTo(4);
        assertThat(ctx.counter(TimeOrderedFileReader.METRIC_BYTES_READ)).as("every byte of the file, once")
                .isEqualTo(Files.size(f));
        assertThat(ctx.counter(TimeOrderedFileReader.METRIC_QUARANTINED)).isEqualTo(2);
    }

    @Test
    void oversizeLinesAreQuarantinedNotBuffered() throws Exception {
        var src = TimeOrderedFileSource.create(
                List.of(write(dir.resolve("big.jsonl"), List.of(heartbeatLine(T0, "k"), "x".repeat(70_000), heartbeatLine(T0 + 1, "k")))),
                new FixtureLineDecoder(100), TypeInformation.of(MarketEvent.class), 0);
        var out = readAll(src, new TestReaderContext(0));
        assertThat(out.records()).extracting(MarketEvent::kind).containsExactly(EventKind.HEARTBEAT, EventKind.QUARANTINE, EventKind.HEARTBEAT);
        assertThat(out.records().get(1).quarantine().frame()).hasSizeLessThanOrEqualTo(BoundedLineReader.PREFIX_CHARS);
        assertThat(out.records().get(2).header().frameOrdinal()).isEqualTo(1);
    }

    /** Pacing: lines 300 ms apart at 2x take at least 150 ms, and the task thread is never put to sleep. */
    @Test
    void pacedReplayWaitsThroughTheAvailabilityFuture() throws Exception {
        Path f = write(dir.resolve("slow.jsonl"), List.of(heartbeatLine(T0, "k"), heartbeatLine(T0 + 300 * MS, "k")));
        var src = source(List.of(f), 2);
        try (var r = src.createReader(new TestReaderContext(0))) {
            var out = new CollectingReaderOutput<MarketEvent>();
            r.addSplits(freshSplits(src));
            r.notifyNoMoreSplits();
            long start = System.nanoTime();
            InputStatus s;
            do {
                s = r.pollNext(out);
            } while (s == InputStatus.MORE_AVAILABLE && out.records().isEmpty());
            assertThat(out.records()).hasSize(1);
            int nothing = 0;
            while (out.records().size() < 2) {
                s = r.pollNext(out);
                if (s == InputStatus.NOTHING_AVAILABLE) {
                    nothing++;
                    r.isAvailable().get();
                }
            }
            assertThat(nothing).isPositive();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(150_000_000L);
        }
    }
}
