package io.cryptorun.sources.book;

import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.venue.bitstamp.BitstampBookIntegrity;
import io.cryptorun.sources.venue.coinbase.CoinbaseBookIntegrity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Explicit, versioned serializer for the book rules that keep per-book state in keyed state:
 * {@link CoinbaseBookIntegrity} (sequence and trade-id baselines) and {@link BitstampBookIntegrity}
 * (snapshot time, last applied diff, the diffs buffered while waiting for a snapshot). A tag byte
 * says which; the stateless rules (Kraken, Gemini) are never stored.
 */
public final class BookRuleSerializer extends TypeSerializerSingleton<BookRule> {
    private static final long serialVersionUID = 1L;
    /** Bump and branch in {@link #deserialize(DataInputView)} when the layout changes. */
    private static final int FORMAT = 1;
    private static final int COINBASE = 1;
    private static final int BITSTAMP = 2;

    public static final BookRuleSerializer INSTANCE = new BookRuleSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public BookRule createInstance() {
        return new CoinbaseBookIntegrity();
    }

    @Override
    public BookRule copy(BookRule from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(64);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("book rule state copy failed", e);
        }
    }

    @Override
    public BookRule copy(BookRule from, BookRule reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(BookRule rule, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        if (rule instanceof CoinbaseBookIntegrity c) {
            out.writeByte(COINBASE);
            out.writeLong(c.lastSequence());
            out.writeLong(c.lastTradeId());
            out.writeLong(c.gaps());
        } else if (rule instanceof BitstampBookIntegrity b) {
            out.writeByte(BITSTAMP);
            out.writeInt(b.maxBuffered());
            out.writeLong(b.snapshotMicros());
            out.writeLong(b.lastAppliedMicros());
            out.writeLong(b.droppedNewestMicros());
            out.writeLong(b.staleDropped());
            out.writeLong(b.overflowDropped());
            List<BookDelta> buffered = b.bufferedDiffs();
            out.writeInt(buffered.size());
            for (BookDelta d : buffered) {
                writeDelta(d, out);
            }
        } else {
            throw new IllegalArgumentException("stateless book rule has no keyed state: " + rule.getClass().getName());
        }
    }

    @Override
    public BookRule deserialize(DataInputView in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown book rule state format " + format);
        }
        int tag = in.readByte();
        switch (tag) {
            case COINBASE:
                return CoinbaseBookIntegrity.restore(in.readLong(), in.readLong(), in.readLong());
            case BITSTAMP: {
                int maxBuffered = in.readInt();
                long snapshotMicros = in.readLong();
                long lastApplied = in.readLong();
                long droppedNewest = in.readLong();
                long stale = in.readLong();
                long overflow = in.readLong();
                int n = in.readInt();
                List<BookDelta> buffered = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    buffered.add(readDelta(in));
                }
                return BitstampBookIntegrity.restore(maxBuffered, snapshotMicros, lastApplied, droppedNewest, stale,
                        overflow, buffered);
            }
            default:
                throw new IOException("unknown book rule tag " + tag);
        }
    }

    @Override
    public BookRule deserialize(BookRule reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    private static void writeDelta(BookDelta d, DataOutputView out) throws IOException {
        EventHeader h = d.header();
        out.writeUTF(h.venue());
        out.writeUTF(h.symbol());
        out.writeLong(h.exchangeTimeMicros());
        out.writeLong(h.receiveTimeMicros());
        out.writeUTF(h.conn());
        out.writeLong(h.frameOrdinal());
        out.writeByte(d.priceScale());
        out.writeByte(d.qtyScale());
        writeLongs(d.bidPrices(), out);
        writeLongs(d.bidQtys(), out);
        writeLongs(d.askPrices(), out);
        writeLongs(d.askQtys(), out);
        out.writeLong(d.checksum());
    }

    private static BookDelta readDelta(DataInputView in) throws IOException {
        EventHeader h = new EventHeader(in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readUTF(), in.readLong());
        int ps = in.readByte();
        int qs = in.readByte();
        return new BookDelta(h, ps, qs, readLongs(in), readLongs(in), readLongs(in), readLongs(in), in.readLong());
    }

    private static void writeLongs(long[] v, DataOutputView out) throws IOException {
        out.writeInt(v.length);
        for (long x : v) {
            out.writeLong(x);
        }
    }

    private static long[] readLongs(DataInputView in) throws IOException {
        long[] v = new long[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readLong();
        }
        return v;
    }

    @Override
    public TypeSerializerSnapshot<BookRule> snapshotConfiguration() {
        return new BookRuleSerializerSnapshot();
    }

    /** Serializer snapshot; must keep a public no-arg constructor for restore. */
    public static final class BookRuleSerializerSnapshot extends SimpleTypeSerializerSnapshot<BookRule> {
        public BookRuleSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
