package io.cryptorun.sources.replay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;

/**
 * Records what a reader emits, through which split output, and which split outputs it opened and
 * released. By default every record must go through a split output (the replay readers' per-split
 * watermarks); {@link #mainOutputOnly()} is for readers that emit on the reader output itself.
 */
public final class CollectingReaderOutput<T> implements ReaderOutput<T> {
    /** @param splitId the split output used, {@code null} for the reader output */
    public record Emitted<T>(T record, long timestamp, String splitId) {}

    private final boolean mainOutput;

    public CollectingReaderOutput() {
        this(false);
    }

    private CollectingReaderOutput(boolean mainOutput) {
        this.mainOutput = mainOutput;
    }

    /** For readers that emit timestamped records on the reader output (the live source). */
    public static <T> CollectingReaderOutput<T> mainOutputOnly() {
        return new CollectingReaderOutput<>(true);
    }

    private final List<Emitted<T>> emitted = new ArrayList<>();
    private final Set<String> created = new LinkedHashSet<>();
    private final Set<String> released = new LinkedHashSet<>();

    public List<Emitted<T>> emitted() {
        return emitted;
    }

    public List<T> records() {
        return emitted.stream().map(Emitted::record).toList();
    }

    public Set<String> created() {
        return created;
    }

    public Set<String> released() {
        return released;
    }

    @Override
    public void collect(T record) {
        throw new AssertionError("replay records must carry a timestamp and go through a split output");
    }

    @Override
    public void collect(T record, long timestamp) {
        if (!mainOutput) throw new AssertionError("replay records must go through their split's output");
        emitted.add(new Emitted<>(record, timestamp, null));
    }

    @Override
    public void emitWatermark(Watermark watermark) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<T> createOutputForSplit(String splitId) {
        if (mainOutput) throw new AssertionError("this reader emits on the reader output, not per split");
        created.add(splitId);
        return new SourceOutput<>() {
            @Override
            public void collect(T record) {
                throw new AssertionError("replay records must carry a timestamp");
            }

            @Override
            public void collect(T record, long timestamp) {
                if (released.contains(splitId)) throw new AssertionError("emit on released split " + splitId);
                emitted.add(new Emitted<>(record, timestamp, splitId));
            }

            @Override
            public void emitWatermark(Watermark watermark) {}

            @Override
            public void markIdle() {}

            @Override
            public void markActive() {}
        };
    }

    @Override
    public void releaseOutputForSplit(String splitId) {
        released.add(splitId);
    }
}
