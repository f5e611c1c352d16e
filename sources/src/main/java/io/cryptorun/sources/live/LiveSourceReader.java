package io.cryptorun.sources.live;

import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.watermark.MarketEventWatermarks;
import io.cryptorun.sources.model.MarketEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/**
 * The FLIP-27 reader: a thin shell over {@link LiveFeed}. Emits either the normalized records
 * (scanner) or the raw frames as fixture lines (ingest, recorder); both run the source-side book
 * checks, so both resubscribe on a broken book.
 */
final class LiveSourceReader<T> implements SourceReader<T, LiveSplit> {
    /** Items handled per {@link #pollNext} call before yielding to the task (checkpoints, mails). */
    static final int BATCH = 256;

    private final LiveFeed feed;
    private final boolean frames;
    private ReaderOutput<T> current;
    private final LiveFeed.Output adapter = new LiveFeed.Output() {
        @Override
        @SuppressWarnings("unchecked")
        public void event(MarketEvent e) {
            if (!frames) current.collect((T) e, MarketEventWatermarks.timestampMillis(e));
        }

        @Override
        @SuppressWarnings("unchecked")
        public void frame(FixtureLine line, String symbol) {
            if (frames) current.collect((T) new SymbolFrame(symbol, line), Math.floorDiv(line.ts(), 1000L));
        }
    };

    LiveSourceReader(LiveFeed feed, boolean frames) {
        this.feed = feed;
        this.frames = frames;
    }

    LiveFeed feed() {
        return feed;
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) {
        current = output;
        try {
            int n = feed.poll(adapter, BATCH);
            // something handled: there may be more; nothing: wait for isAvailable()
            return n > 0 ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
        } finally {
            current = null;
        }
    }

    @Override
    public List<LiveSplit> snapshotState(long checkpointId) {
        return feed.snapshot();
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return feed.available();
    }

    @Override
    public void addSplits(List<LiveSplit> splits) {
        splits.forEach(feed::add);
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
        feed.close();
    }
}
