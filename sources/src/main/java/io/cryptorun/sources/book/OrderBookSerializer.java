package io.cryptorun.sources.book;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Explicit, versioned serializer for {@link OrderBook} in keyed state: compact (only the live
 * levels are written) and independent of Kryo or POJO field reflection, so savepoints survive
 * refactors of the class.
 */
public final class OrderBookSerializer extends TypeSerializerSingleton<OrderBook> {
    private static final long serialVersionUID = 1L;
    /** Bump and branch in {@link #deserialize(DataInputView)} when the layout changes. */
    private static final int FORMAT = 1;

    public static final OrderBookSerializer INSTANCE = new OrderBookSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public OrderBook createInstance() {
        return new OrderBook("", "");
    }

    @Override
    public OrderBook copy(OrderBook from) {
        return from.copy();
    }

    @Override
    public OrderBook copy(OrderBook from, OrderBook reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(OrderBook b, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        out.writeUTF(b.venue());
        out.writeUTF(b.symbol());
        out.writeByte(b.priceScale());
        out.writeByte(b.qtyScale());
        out.writeInt(b.depth());
        out.writeByte(b.state().ordinal());
        out.writeLong(b.lastUpdateMicros());
        out.writeUTF(b.lastConn());
        out.writeLong(b.lastFrameOrdinal());
        writeSide(out, b.bidPx, b.bidQty, b.bidCount);
        writeSide(out, b.askPx, b.askQty, b.askCount);
    }

    private static void writeSide(DataOutputView out, long[] px, long[] qty, int n) throws IOException {
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeLong(px[i]);
            out.writeLong(qty[i]);
        }
    }

    @Override
    public OrderBook deserialize(DataInputView in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown OrderBook state format " + format);
        }
        String venue = in.readUTF();
        String symbol = in.readUTF();
        int priceScale = in.readByte();
        int qtyScale = in.readByte();
        int depth = in.readInt();
        BookState state = BookState.values()[in.readByte()];
        long lastUpdate = in.readLong();
        String lastConn = in.readUTF();
        long lastOrdinal = in.readLong();
        int nb = in.readInt();
        long[] bp = new long[nb];
        long[] bq = new long[nb];
        for (int i = 0; i < nb; i++) {
            bp[i] = in.readLong();
            bq[i] = in.readLong();
        }
        int na = in.readInt();
        long[] ap = new long[na];
        long[] aq = new long[na];
        for (int i = 0; i < na; i++) {
            ap[i] = in.readLong();
            aq[i] = in.readLong();
        }
        return OrderBook.restore(venue, symbol, priceScale, qtyScale, depth, state, lastUpdate, lastConn,
                lastOrdinal, bp, bq, nb, ap, aq, na);
    }

    @Override
    public OrderBook deserialize(OrderBook reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<OrderBook> snapshotConfiguration() {
        return new OrderBookSerializerSnapshot();
    }

    /** Serializer snapshot; must keep a public no-arg constructor for restore. */
    public static final class OrderBookSerializerSnapshot extends SimpleTypeSerializerSnapshot<OrderBook> {
        public OrderBookSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
