package io.cryptorun.sources.book;

import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.EventHeader;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Explicit, versioned serializer for the book rules that keep per-book state in keyed state
 * (Coinbase: sequence and trade-id baselines; Bitstamp: snapshot time, last applied diff, the diffs
 * buffered while waiting for a snapshot). A format byte, then the venue's stable state tag
 * ({@link VenueBookRuleProvider#stateTag}), then what the venue's provider writes; the stateless
 * rules (Kraken, Gemini) are never stored. Its class name is in savepoints: keep it here.
 */
public final class BookRuleSerializer extends TypeSerializerSingleton<BookRule> {
    private static final long serialVersionUID = 1L;
    /** Bump and branch in {@link #deserialize(DataInputView)} when the layout changes. */
    private static final int FORMAT = 1;

    public static final BookRuleSerializer INSTANCE = new BookRuleSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public BookRule createInstance() {
        for (VenueBookRuleProvider p : VenueBookRules.providers()) {
            if (p.stateTag() != 0) return p.newPerBookRule();
        }
        throw new IllegalStateException("no venue keeps book rule state");
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
        for (VenueBookRuleProvider p : VenueBookRules.providers()) {
            if (p.stateTag() != 0 && p.ownsState(rule)) {
                out.writeByte(FORMAT);
                out.writeByte(p.stateTag());
                p.writeState(rule, out);
                return;
            }
        }
        throw new IllegalArgumentException("stateless book rule has no keyed state: " + rule.getClass().getName());
    }

    @Override
    public BookRule deserialize(DataInputView in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown book rule state format " + format);
        }
        int tag = in.readByte();
        for (VenueBookRuleProvider p : VenueBookRules.providers()) {
            if (p.stateTag() == tag) return p.readState(in);
        }
        throw new IOException("unknown book rule tag " + tag);
    }

    @Override
    public BookRule deserialize(BookRule reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    /** A buffered diff, for the state of rules that buffer them. */
    public static void writeDelta(BookDelta d, DataOutputView out) throws IOException {
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

    /** Reads what {@link #writeDelta} wrote. */
    public static BookDelta readDelta(DataInputView in) throws IOException {
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
