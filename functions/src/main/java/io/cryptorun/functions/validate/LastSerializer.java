package io.cryptorun.functions.validate;

import io.cryptorun.functions.validate.TradeValidator.Last;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.BigDecSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Explicit state serializer of a venue's last accepted price and its time (exact decimal, µs). */
public final class LastSerializer extends TypeSerializerSingleton<Last> {
    private static final long serialVersionUID = 1L;

    public static final LastSerializer INSTANCE = new LastSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Last createInstance() {
        return new Last(null, 0);
    }

    @Override
    public Last copy(Last from) {
        return from;
    }

    @Override
    public Last copy(Last from, Last reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Last l, DataOutputView out) throws IOException {
        BigDecSerializer.INSTANCE.serialize(l.price(), out);
        out.writeLong(l.ts());
    }

    @Override
    public Last deserialize(DataInputView in) throws IOException {
        return new Last(BigDecSerializer.INSTANCE.deserialize(in), in.readLong());
    }

    @Override
    public Last deserialize(Last reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<Last> snapshotConfiguration() {
        return new LastSerializerSnapshot();
    }

    /** Serializer snapshot; must keep a public no-arg constructor for restore. */
    public static final class LastSerializerSnapshot extends SimpleTypeSerializerSnapshot<Last> {
        public LastSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
