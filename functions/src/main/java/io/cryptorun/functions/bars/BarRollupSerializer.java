package io.cryptorun.functions.bars;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Explicit, versioned state serializer for {@link BarRollup}: its two open bars, each optional. */
public final class BarRollupSerializer extends TypeSerializerSingleton<BarRollup> {
    private static final long serialVersionUID = 1L;
    private static final int FORMAT = 1;

    public static final BarRollupSerializer INSTANCE = new BarRollupSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public BarRollup createInstance() {
        return new BarRollup();
    }

    @Override
    public BarRollup copy(BarRollup from) {
        return new BarRollup(from.h4() == null ? null : from.h4().copy(), from.d1() == null ? null : from.d1().copy());
    }

    @Override
    public BarRollup copy(BarRollup from, BarRollup reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(BarRollup r, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        writeOptional(r.h4(), out);
        writeOptional(r.d1(), out);
    }

    private static void writeOptional(BarAggregator a, DataOutputView out) throws IOException {
        out.writeBoolean(a != null);
        if (a != null) {
            BarAggregatorSerializer.INSTANCE.serialize(a, out);
        }
    }

    @Override
    public BarRollup deserialize(DataInputView in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown BarRollup state format " + format);
        }
        BarAggregator h4 = in.readBoolean() ? BarAggregatorSerializer.INSTANCE.deserialize(in) : null;
        BarAggregator d1 = in.readBoolean() ? BarAggregatorSerializer.INSTANCE.deserialize(in) : null;
        return new BarRollup(h4, d1);
    }

    @Override
    public BarRollup deserialize(BarRollup reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<BarRollup> snapshotConfiguration() {
        return new BarRollupSerializerSnapshot();
    }

    /** Serializer snapshot; must keep a public no-arg constructor for restore. */
    public static final class BarRollupSerializerSnapshot extends SimpleTypeSerializerSnapshot<BarRollup> {
        public BarRollupSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
