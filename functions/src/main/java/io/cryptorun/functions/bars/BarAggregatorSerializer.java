package io.cryptorun.functions.bars;

import io.cryptorun.functions.math.ExactSum;
import io.cryptorun.sources.decimal.Decimal;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Explicit, versioned state serializer for {@link BarAggregator}: it is mutable (so that a
 * trade is added in place), hence neither a record nor a POJO, and Kryo is off.
 */
public final class BarAggregatorSerializer extends TypeSerializerSingleton<BarAggregator> {
    private static final long serialVersionUID = 1L;
    private static final int FORMAT = 1;

    public static final BarAggregatorSerializer INSTANCE = new BarAggregatorSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public BarAggregator createInstance() {
        return new BarAggregator(0);
    }

    @Override
    public BarAggregator copy(BarAggregator from) {
        return from.copy();
    }

    @Override
    public BarAggregator copy(BarAggregator from, BarAggregator reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(BarAggregator a, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        out.writeLong(a.openTimeMicros());
        out.writeLong(a.firstMicros());
        out.writeLong(a.lastMicros());
        boolean empty = a.isEmpty();
        out.writeBoolean(empty);
        if (!empty) {
            writeDecimal(out, a.open());
            writeDecimal(out, a.high());
            writeDecimal(out, a.low());
            writeDecimal(out, a.close());
        }
        out.writeByte(a.priceScale());
        out.writeLong(a.trades());
        writeSum(out, a.volume());
        writeSum(out, a.notional());
    }

    @Override
    public BarAggregator deserialize(DataInputView in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown BarAggregator state format " + format);
        }
        long openTime = in.readLong();
        long first = in.readLong();
        long last = in.readLong();
        Decimal o = null;
        Decimal h = null;
        Decimal l = null;
        Decimal c = null;
        if (!in.readBoolean()) {
            o = readDecimal(in);
            h = readDecimal(in);
            l = readDecimal(in);
            c = readDecimal(in);
        }
        int priceScale = in.readByte();
        long trades = in.readLong();
        ExactSum volume = readSum(in);
        ExactSum notional = readSum(in);
        return BarAggregator.restore(openTime, first, last, o, h, l, c, priceScale, trades, volume, notional);
    }

    @Override
    public BarAggregator deserialize(BarAggregator reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<BarAggregator> snapshotConfiguration() {
        return new BarAggregatorSerializerSnapshot();
    }

    private static void writeDecimal(DataOutputView out, Decimal d) throws IOException {
        out.writeLong(d.unscaled());
        out.writeByte(d.scale());
    }

    private static Decimal readDecimal(DataInputView in) throws IOException {
        long u = in.readLong();
        return Decimal.of(u, in.readByte());
    }

    private static void writeSum(DataOutputView out, ExactSum s) throws IOException {
        if (!s.isBig()) {
            out.writeBoolean(false);
            out.writeLong(s.unscaled());
            out.writeByte(s.scale());
        } else {
            BigDecimal b = s.toBigDecimal();
            out.writeBoolean(true);
            out.writeInt(b.scale());
            byte[] bytes = b.unscaledValue().toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static ExactSum readSum(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            long u = in.readLong();
            return ExactSum.ofLong(u, in.readByte());
        }
        int scale = in.readInt();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return ExactSum.ofBig(new BigDecimal(new BigInteger(bytes), scale));
    }

    /** Serializer snapshot; must keep a public no-arg constructor for restore. */
    public static final class BarAggregatorSerializerSnapshot extends SimpleTypeSerializerSnapshot<BarAggregator> {
        public BarAggregatorSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
