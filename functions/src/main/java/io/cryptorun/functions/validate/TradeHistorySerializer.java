package io.cryptorun.functions.validate;

import io.cryptorun.functions.validate.TradeValidator.History;
import io.cryptorun.functions.validate.TradeValidator.Last;
import io.cryptorun.functions.validate.TradeValidator.Series;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.BigDecSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Explicit, versioned state serializer for {@link TradeValidator.History}: maps written in key order, so equal
 * histories give equal bytes; prices and returns as exact decimals, log sizes as the doubles they are. The operators
 * keep their history per venue now ({@link SeriesSerializer}, {@link LastSerializer}); this serializer stays to read
 * the per-symbol value of savepoints taken before (state {@code trade-history}), which the trade operator migrates.
 */
public final class TradeHistorySerializer extends TypeSerializerSingleton<History> {
    private static final long serialVersionUID = 1L;
    private static final int FORMAT = 1;

    public static final TradeHistorySerializer INSTANCE = new TradeHistorySerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public History createInstance() {
        return new History();
    }

    @Override
    public History copy(History from) {
        History h = new History();
        from.series.forEach((k, s) -> h.series.put(k, SeriesSerializer.INSTANCE.copy(s)));
        from.lastBySymbol.forEach((sym, venues) -> h.lastBySymbol.put(sym, new HashMap<>(venues)));
        return h;
    }

    @Override
    public History copy(History from, History reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(History h, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        Map<String, Series> series = new TreeMap<>(h.series);
        out.writeInt(series.size());
        for (Map.Entry<String, Series> e : series.entrySet()) {
            out.writeUTF(e.getKey());
            SeriesSerializer.write(e.getValue(), out);
        }
        Map<String, Map<String, Last>> last = new TreeMap<>(h.lastBySymbol);
        out.writeInt(last.size());
        for (Map.Entry<String, Map<String, Last>> e : last.entrySet()) {
            out.writeUTF(e.getKey());
            Map<String, Last> venues = new TreeMap<>(e.getValue());
            out.writeInt(venues.size());
            for (Map.Entry<String, Last> v : venues.entrySet()) {
                out.writeUTF(v.getKey());
                LastSerializer.INSTANCE.serialize(v.getValue(), out);
            }
        }
    }

    @Override
    public History deserialize(DataInputView in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown trade validation history state format " + format);
        }
        History h = new History();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String key = in.readUTF();
            h.series.put(key, SeriesSerializer.read(in));
        }
        int m = in.readInt();
        for (int i = 0; i < m; i++) {
            String sym = in.readUTF();
            int v = in.readInt();
            Map<String, Last> venues = new HashMap<>();
            for (int j = 0; j < v; j++) {
                String venue = in.readUTF();
                venues.put(venue, LastSerializer.INSTANCE.deserialize(in));
            }
            h.lastBySymbol.put(sym, venues);
        }
        return h;
    }

    @Override
    public History deserialize(History reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<History> snapshotConfiguration() {
        return new TradeHistorySerializerSnapshot();
    }

    /** Serializer snapshot; must keep a public no-arg constructor for restore. */
    public static final class TradeHistorySerializerSnapshot extends SimpleTypeSerializerSnapshot<History> {
        public TradeHistorySerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
