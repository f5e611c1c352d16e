package io.cryptorun.sources.venue.bitstamp;

import io.cryptorun.sources.book.BookRule;
import io.cryptorun.sources.book.BookRuleSerializer;
import io.cryptorun.sources.book.VenueBookRuleProvider;
import io.cryptorun.sources.model.BookDelta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Bitstamp: the REST snapshot plus the diffs buffered and ordered by microtimestamp
 * ({@link BitstampBookIntegrity}, per-book state: snapshot time, last applied diff, the buffer),
 * every level.
 */
public final class BitstampBookRules implements VenueBookRuleProvider {
    /** State tag in BookRuleSerializer's format (stable). */
    static final int STATE_TAG = 2;

    @Override
    public String venue() {
        return BitstampParser.VENUE;
    }

    @Override
    public int order() {
        return 3;
    }

    @Override
    public BookRule newSharedRule() {
        return null;
    }

    @Override
    public BookRule newPerBookRule() {
        return new BitstampBookIntegrity();
    }

    @Override
    public boolean fullDepth() {
        return true;
    }

    @Override
    public int stateTag() {
        return STATE_TAG;
    }

    @Override
    public boolean ownsState(BookRule rule) {
        return rule instanceof BitstampBookIntegrity;
    }

    @Override
    public void writeState(BookRule rule, DataOutputView out) throws IOException {
        BitstampBookIntegrity b = (BitstampBookIntegrity) rule;
        out.writeInt(b.maxBuffered());
        out.writeLong(b.snapshotMicros());
        out.writeLong(b.lastAppliedMicros());
        out.writeLong(b.droppedNewestMicros());
        out.writeLong(b.staleDropped());
        out.writeLong(b.overflowDropped());
        List<BookDelta> buffered = b.bufferedDiffs();
        out.writeInt(buffered.size());
        for (BookDelta d : buffered) {
            BookRuleSerializer.writeDelta(d, out);
        }
    }

    @Override
    public BookRule readState(DataInputView in) throws IOException {
        int maxBuffered = in.readInt();
        long snapshotMicros = in.readLong();
        long lastApplied = in.readLong();
        long droppedNewest = in.readLong();
        long stale = in.readLong();
        long overflow = in.readLong();
        int n = in.readInt();
        List<BookDelta> buffered = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            buffered.add(BookRuleSerializer.readDelta(in));
        }
        return BitstampBookIntegrity.restore(maxBuffered, snapshotMicros, lastApplied, droppedNewest, stale, overflow,
                buffered);
    }
}
