package io.cryptorun.sources.replay;

import io.cryptorun.sources.fixture.BoundedLineReader;
import io.cryptorun.sources.fixture.DecodedLine;
import io.cryptorun.sources.fixture.LineDecoder;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.replay.enumerator.ReplayEnumerator;
import io.cryptorun.sources.replay.enumerator.ReplayEnumeratorState;
import io.cryptorun.sources.replay.enumerator.ReplayEnumeratorStateSerializer;
import io.cryptorun.sources.replay.reader.ReplayPacer;
import io.cryptorun.sources.replay.reader.ReplayStop;
import io.cryptorun.sources.replay.reader.TimeOrderedFileReader;
import io.cryptorun.sources.replay.split.ReplayFileSplit;
import io.cryptorun.sources.replay.split.ReplayFileSplitSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Bounded FLIP-27 source replaying line-oriented files (plain or {@code .gz}) in time order:
 * one split per file, all splits assigned at start in path order round-robin over subtasks
 * ({@link ReplayEnumerator}), and each reader merging its files by line time
 * ({@link TimeOrderedFileReader}). What a line means is the {@link LineDecoder}'s business, so
 * fixtures and bar history share this one implementation of splits, state and pacing.
 *
 * <p>Paths are resolved on the client and must be readable at the same location on the task
 * managers (a local replay, or a shared mount on a cluster).
 *
 * @param <T> record type; its {@link TypeInformation} is given explicitly so the stream never
 *            falls back to a generic (Kryo) type
 */
public final class TimeOrderedFileSource<T>
        implements Source<T, ReplayFileSplit, ReplayEnumeratorState>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    /** Lines read per file at most when looking for the first timed line (pacing origin). */
    private static final int ORIGIN_PROBE_LINES = 1000;

    private final List<String> paths;
    private final LineDecoder<T> decoder;
    private final TypeInformation<T> type;
    private final double speed;
    private final long paceOriginMicros;
    private final ReplayStop stop;

    private TimeOrderedFileSource(List<String> paths, LineDecoder<T> decoder, TypeInformation<T> type, double speed,
            long paceOriginMicros, ReplayStop stop) {
        this.paths = paths;
        this.decoder = decoder;
        this.type = type;
        this.speed = speed;
        this.paceOriginMicros = paceOriginMicros;
        this.stop = stop;
    }

    /**
     * @param files   existing regular files (resolve directories first, see {@link ReplayFiles})
     * @param speed   {@code 0} = as fast as possible; {@code N > 0} = N× the recorded pace
     */
    public static <T> TimeOrderedFileSource<T> create(List<Path> files, LineDecoder<T> decoder, TypeInformation<T> type, double speed) {
        checkSpeed(speed);
        TreeSet<String> sorted = new TreeSet<>();
        for (Path f : files) sorted.add(f.toAbsolutePath().normalize().toString());
        List<String> paths = new ArrayList<>(sorted);
        long origin = speed > 0 ? earliestLineTime(paths, decoder) : ReplayPacer.NO_ORIGIN;
        return new TimeOrderedFileSource<>(List.copyOf(paths), decoder, type, speed, origin, null);
    }

    /**
     * The same replay, pausing at a point-in-time cut instead of running to the end (see
     * {@link ReplayStop}); the source then only ends when stopped with a savepoint or cancelled.
     */
    public TimeOrderedFileSource<T> stoppingAt(ReplayStop cut) {
        return new TimeOrderedFileSource<>(paths, decoder, type, speed, paceOriginMicros, java.util.Objects.requireNonNull(cut, "cut"));
    }

    static void checkSpeed(double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay speed must be 0 (as fast as possible) or a positive factor, got " + speed);
        }
    }

    /**
     * The earliest first-line time over all files: parallel readers pace against this one origin,
     * so a file that starts later also starts later in wall time, as it did when recorded.
     */
    private static <T> long earliestLineTime(List<String> paths, LineDecoder<T> decoder) {
        LineDecoder.ReaderDecoder<T> probe = decoder.createReaderDecoder();
        long min = ReplayPacer.NO_ORIGIN;
        for (String p : paths) {
            LineDecoder.FileDecoder<T> fd = probe.openFile(p);
            try (BoundedLineReader r = new BoundedLineReader(Manifest.open(Path.of(p)), decoder.maxLineChars())) {
                String line;
                long n = 0;
                while (n < ORIGIN_PROBE_LINES && (line = r.next()) != null) {
                    n++;
                    if (r.lastWasOversize() || line.isBlank()) continue;
                    DecodedLine<T> d = new DecodedLine<>(n);
                    fd.decode(line, n, d);
                    if (d.lineTime != DecodedLine.NO_TIME) {
                        if (min == ReplayPacer.NO_ORIGIN || d.lineTime < min) min = d.lineTime;
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
        }
        return min;
    }

    /** The files replayed, absolute, in split-assignment order. */
    public List<String> paths() {
        return paths;
    }

    public double speed() {
        return speed;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<ReplayFileSplit, ReplayEnumeratorState> createEnumerator(SplitEnumeratorContext<ReplayFileSplit> context) {
        List<ReplayFileSplit> splits = new ArrayList<>(paths.size());
        for (String p : paths) splits.add(new ReplayFileSplit(p, 0));
        return new ReplayEnumerator(context, splits);
    }

    @Override
    public SplitEnumerator<ReplayFileSplit, ReplayEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<ReplayFileSplit> context, ReplayEnumeratorState state) {
        return new ReplayEnumerator(context, state.unassigned());
    }

    @Override
    public SimpleVersionedSerializer<ReplayFileSplit> getSplitSerializer() {
        return ReplayFileSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<ReplayEnumeratorState> getEnumeratorCheckpointSerializer() {
        return ReplayEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public SourceReader<T, ReplayFileSplit> createReader(SourceReaderContext context) {
        ReplayPacer pacer = speed > 0 ? new ReplayPacer(speed, paceOriginMicros, ReplayPacer.DEFAULT_MAX_LAG_NANOS) : null;
        return new TimeOrderedFileReader<>(context, decoder.createReaderDecoder(), decoder.maxLineChars(), pacer, stop);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }
}
