package io.cryptorun.sources.replay.reader;

import io.cryptorun.sources.fixture.DecodedLine;
import io.cryptorun.sources.fixture.LineDecoder;
import io.cryptorun.sources.replay.split.ReplayFileSplit;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads all files assigned to one subtask as a single stream ordered by line time.
 *
 * <p>Why merge instead of reading files one after another: downstream must see one
 * chronological stream per reader. Read sequentially, file B's early records would arrive after
 * all of file A. With one reader-wide watermark they would be late and dropped by windows; with
 * per-split watermarks (used here) they are not late, but the watermark stalls for the whole of
 * file A, so every window and timer downstream buffers a whole file, and operators that act in
 * arrival order (book building, the late-fill gate's receive times) see time jump backwards.
 * Merging by line time (ties by split id, then file order) also gives one deterministic order for
 * a given assignment.
 *
 * <p>Nothing is emitted until the enumerator has said "no more splits": only then is the set of
 * files to merge known. Each file emits through its own split output
 * ({@link ReaderOutput#createOutputForSplit}) so it has its own watermark generator; a file that
 * is behind holds the reader's watermark back, which is the point of per-split watermarks.
 *
 * <p>{@code pollNext} only does local file reads, in small batches, and emits one line per call,
 * so checkpoint barriers are never stuck behind a long loop. Pacing never sleeps on the task
 * thread: it returns {@link InputStatus#NOTHING_AVAILABLE} with an availability future that a
 * timer completes when the next line is due.
 */
public final class TimeOrderedFileReader<T> implements SourceReader<T, ReplayFileSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(TimeOrderedFileReader.class);

    /** Counter (reader metric group): non-blank lines emitted — frames, or CSV rows and headers. */
    public static final String METRIC_FRAMES_READ = "framesRead";
    /**
     * Counter: uncompressed bytes read from the files (terminators and blank lines included),
     * counted below the UTF-8 decoder, so it advances in read-ahead blocks; exact at end of file.
     */
    public static final String METRIC_BYTES_READ = "bytesRead";
    /** Counter: quarantine records emitted (bad lines, bad frames, bad rows). */
    public static final String METRIC_QUARANTINED = "quarantined";

    static final int BATCH_LINES = 64;
    static final long BATCH_CHARS = 256 * 1024;
    /** Lines skipped per {@code pollNext} while restoring (a fixture line parses in ~1-2 µs). */
    static final int SKIP_LINES_PER_POLL = 5_000;

    private final SourceReaderContext context;
    private final LineDecoder.ReaderDecoder<T> decoders;
    private final int maxLineChars;
    private final ReplayPacer pacer;
    private final ReplayStop stop;
    private final Counter framesRead;
    private final Counter bytesRead;
    private final Counter quarantined;
    private final Counter numRecordsIn;

    /** Every unfinished split of this reader, by id: exactly what a checkpoint must hold. */
    private final Map<String, SplitCursor<T>> cursors = new TreeMap<>();
    private final ArrayDeque<SplitCursor<T>> opening = new ArrayDeque<>();
    private final PriorityQueue<SplitCursor<T>> merge = new PriorityQueue<>(SplitCursor.HEAD_ORDER);
    private boolean noMoreSplits;
    private boolean pausedAtStop;
    private CompletableFuture<Void> availability = new CompletableFuture<>();
    private ScheduledExecutorService timer;

    /**
     * @param pacer {@code null} to replay as fast as possible
     * @param stop  {@code null} to replay to the end; otherwise the cut to pause at
     */
    public TimeOrderedFileReader(SourceReaderContext context, LineDecoder.ReaderDecoder<T> decoders, int maxLineChars,
            ReplayPacer pacer, ReplayStop stop) {
        this.context = context;
        this.decoders = decoders;
        this.maxLineChars = maxLineChars;
        this.pacer = pacer;
        this.stop = stop;
        var metrics = context.metricGroup();
        this.framesRead = metrics.counter(METRIC_FRAMES_READ);
        this.bytesRead = metrics.counter(METRIC_BYTES_READ);
        this.quarantined = metrics.counter(METRIC_QUARANTINED);
        this.numRecordsIn = metrics.getIOMetricGroup().getNumRecordsInCounter();
    }

    @Override
    public void start() {}

    @Override
    public void addSplits(List<ReplayFileSplit> splits) {
        if (noMoreSplits) {
            // The merge order is fixed once emission starts; a late file could only be appended out of time order.
            throw new IllegalStateException("replay reader got splits after 'no more splits': " + splits);
        }
        List<ReplayFileSplit> sorted = new ArrayList<>(splits);
        sorted.sort(java.util.Comparator.comparing(ReplayFileSplit::path));
        for (ReplayFileSplit split : sorted) {
            if (cursors.containsKey(split.splitId())) {
                throw new IllegalStateException("replay split assigned twice: " + split.splitId());
            }
            SplitCursor<T> c = new SplitCursor<>(split, decoders.openFile(split.path()), maxLineChars);
            cursors.put(split.splitId(), c);
            opening.addLast(c);
            if (c.restored() && pacer != null) pacer.forgetOrigin();
        }
        LOG.info("Subtask {} got {} replay split(s): {}", context.getIndexOfSubtask(), splits.size(), splits);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        availability.complete(null);
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (!noMoreSplits) {
            if (availability.isDone()) availability = new CompletableFuture<>();
            return InputStatus.NOTHING_AVAILABLE;
        }
        if (!opening.isEmpty() && !openSome(output)) {
            return InputStatus.MORE_AVAILABLE;
        }
        SplitCursor<T> head = merge.peek();
        if (head == null) {
            return endOfInput();
        }
        if (stop != null && head.headTime() > stop.atMicros()) {
            return pauseAtStop();
        }
        if (pacer != null) {
            long wait = pacer.nanosUntilDue(head.headTime(), System.nanoTime());
            if (wait > 0) return waitFor(wait);
        }
        merge.poll();
        emit(head.takeHead(), head.output());
        if (head.needsFill()) head.fill(BATCH_LINES, BATCH_CHARS);
        if (head.exhausted()) {
            finish(head, output);
        } else {
            merge.add(head);
        }
        return merge.isEmpty() ? endOfInput() : InputStatus.MORE_AVAILABLE;
    }

    private InputStatus endOfInput() {
        if (stop != null) stop.markEnded(context.getIndexOfSubtask());
        return InputStatus.END_OF_INPUT;
    }

    /**
     * Everything up to the cut is out: report it and wait on a future nothing completes, so the
     * reader stays alive (a finished source could not be restored to continue after the cut) and
     * checkpoint barriers still pass through the mailbox.
     */
    private InputStatus pauseAtStop() {
        if (!pausedAtStop) {
            pausedAtStop = true;
            stop.markPaused(context.getIndexOfSubtask());
            LOG.info("Subtask {} paused at replay stop {} µs", context.getIndexOfSubtask(), stop.atMicros());
        }
        if (availability.isDone()) availability = new CompletableFuture<>();
        return InputStatus.NOTHING_AVAILABLE;
    }

    /** Positions files (skipping restored lines) within a per-call budget; true when all are ready. */
    private boolean openSome(ReaderOutput<T> output) throws IOException {
        int budget = SKIP_LINES_PER_POLL;
        while (!opening.isEmpty()) {
            SplitCursor<T> c = opening.getFirst();
            budget = c.position(budget);
            if (!c.positioned()) return false;
            opening.removeFirst();
            c.fill(BATCH_LINES, BATCH_CHARS);
            if (c.exhausted()) {
                finish(c, output);
            } else {
                c.output(output.createOutputForSplit(c.splitId()));
                merge.add(c);
            }
            if (budget <= 0) return opening.isEmpty();
        }
        return true;
    }

    private void emit(DecodedLine<T> line, SourceOutput<T> out) {
        int n = line.size();
        for (int i = 0; i < n; i++) {
            out.collect(line.record(i), line.timestamp(i));
        }
        framesRead.inc();
        bytesRead.inc(line.bytes);
        numRecordsIn.inc(n);
        if (line.quarantined > 0) quarantined.inc(line.quarantined);
    }

    private void finish(SplitCursor<T> c, ReaderOutput<T> output) throws IOException {
        cursors.remove(c.splitId());
        if (c.output() != null) output.releaseOutputForSplit(c.splitId());
        c.close();
        LOG.info("Subtask {} finished replay split {}", context.getIndexOfSubtask(), c.splitId());
    }

    private InputStatus waitFor(long nanos) {
        CompletableFuture<Void> due = new CompletableFuture<>();
        availability = due;
        if (timer == null) {
            String name = "replay-pacer-" + context.getIndexOfSubtask();
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
        timer.schedule(() -> due.complete(null), nanos, TimeUnit.NANOSECONDS);
        return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<ReplayFileSplit> snapshotState(long checkpointId) {
        List<ReplayFileSplit> out = new ArrayList<>(cursors.size());
        for (SplitCursor<T> c : cursors.values()) out.add(c.checkpoint());
        return out;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return availability;
    }

    @Override
    public void close() throws IOException {
        if (timer != null) timer.shutdownNow();
        IOException first = null;
        for (SplitCursor<T> c : cursors.values()) {
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        cursors.clear();
        if (first != null) throw first;
    }
}
