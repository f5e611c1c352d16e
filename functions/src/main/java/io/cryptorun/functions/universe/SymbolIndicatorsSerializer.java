package io.cryptorun.functions.universe;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Keyed-state serializer of {@link SymbolIndicators} (its running sums and rings, no Kryo). */
public final class SymbolIndicatorsSerializer extends TypeSerializerSingleton<SymbolIndicators> {
    private static final long serialVersionUID = 1L;
    private static final int FORMAT = 2;

    public static final SymbolIndicatorsSerializer INSTANCE = new SymbolIndicatorsSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SymbolIndicators createInstance() {
        return new SymbolIndicators();
    }

    @Override
    public SymbolIndicators copy(SymbolIndicators from) {
        try {
            org.apache.flink.core.memory.DataOutputSerializer out = new org.apache.flink.core.memory.DataOutputSerializer(4096);
            serialize(from, out);
            return deserialize(new org.apache.flink.core.memory.DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SymbolIndicators copy(SymbolIndicators from, SymbolIndicators reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SymbolIndicators s, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        s.write(out);
    }

    @Override
    public SymbolIndicators deserialize(DataInputView in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT && format != 1) {
            throw new IOException("unknown SymbolIndicators state format " + format);
        }
        return SymbolIndicators.read(in, format);
    }

    @Override
    public SymbolIndicators deserialize(SymbolIndicators reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<SymbolIndicators> snapshotConfiguration() {
        return new SymbolIndicatorsSerializerSnapshot();
    }

    /** Serializer snapshot; must keep a public no-arg constructor for restore. */
    public static final class SymbolIndicatorsSerializerSnapshot extends SimpleTypeSerializerSnapshot<SymbolIndicators> {
        public SymbolIndicatorsSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
