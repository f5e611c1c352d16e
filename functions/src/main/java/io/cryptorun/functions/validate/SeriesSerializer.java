package io.cryptorun.functions.validate;

import io.cryptorun.functions.validate.TradeValidator.Series;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.BigDecSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Explicit, versioned state serializer of one venue/symbol's {@link Series} — the validators' map-state value, so a
 * record (de)serializes only its own venue's window, not every venue's of the symbol. Returns as exact decimals, log
 * sizes as doubles; {@link TradeHistorySerializer} writes the same bytes per series.
 */
public final class SeriesSerializer extends TypeSerializerSingleton<Series> {
    private static final long serialVersionUID = 1L;
    private static final int FORMAT = 1;

    public static final SeriesSerializer INSTANCE = new SeriesSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Series createInstance() {
        return new Series();
    }

    @Override
    public Series copy(Series s) {
        Series c = new Series();
        c.lastPrice = s.lastPrice;
        c.returns.addAll(s.returns);
        c.lnQty.addAll(s.lnQty);
        c.consecutiveFlags = s.consecutiveFlags;
        return c;
    }

    @Override
    public Series copy(Series from, Series reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Series s, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        write(s, out);
    }

    /** The series' fields, without a format byte (also written so inside {@link TradeHistorySerializer}). */
    static void write(Series s, DataOutputView out) throws IOException {
        BigDecSerializer.INSTANCE.serialize(s.lastPrice, out); // null-safe
        out.writeInt(s.returns.size());
        for (BigDecimal r : s.returns) BigDecSerializer.INSTANCE.serialize(r, out);
        out.writeInt(s.lnQty.size());
        for (double q : s.lnQty) out.writeDouble(q);
        out.writeInt(s.consecutiveFlags);
    }

    @Override
    public Series deserialize(DataInputView in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT) throw new IOException("unknown validation series state format " + format);
        return read(in);
    }

    static Series read(DataInputView in) throws IOException {
        Series s = new Series();
        s.lastPrice = BigDecSerializer.INSTANCE.deserialize(in);
        int r = in.readInt();
        List<BigDecimal> returns = new ArrayList<>(r);
        for (int j = 0; j < r; j++) returns.add(BigDecSerializer.INSTANCE.deserialize(in));
        s.returns.load(returns);
        int q = in.readInt();
        List<Double> lnQty = new ArrayList<>(q);
        for (int j = 0; j < q; j++) lnQty.add(in.readDouble());
        s.lnQty.load(lnQty);
        s.consecutiveFlags = in.readInt();
        return s;
    }

    @Override
    public Series deserialize(Series reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<Series> snapshotConfiguration() {
        return new SeriesSerializerSnapshot();
    }

    /** Serializer snapshot; must keep a public no-arg constructor for restore. */
    public static final class SeriesSerializerSnapshot extends SimpleTypeSerializerSnapshot<Series> {
        public SeriesSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
