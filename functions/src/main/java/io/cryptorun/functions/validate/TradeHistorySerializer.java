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
 * Explicit, versioned state serializer for {@link TradeValidator.History} (the validation operator's per-symbol
 * state): maps written in key order, so equal histories give equal bytes; prices and returns as exact decimals,
 * log sizes as the doubles they are.
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
        from.series.forEach((k, s) -> {
            Series c = new Series();
            c.lastPrice = s.lastPrice;
            c.returns.addAll(s.returns);
            c.lnQty.addAll(s.lnQty);
            c.consecutiveFlags = s.consecutiveFlags;
            h.series.put(k, c);
        });
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
            Series s = e.getValue();
            out.writeUTF(e.getKey());
            BigDecSerializer.INSTANCE.serialize(s.lastPrice, out); // null-safe
            out.writeInt(s.returns.size());
            for (BigDecimal r : s.returns) BigDecSerializer.INSTANCE.serialize(r, out);
            out.writeInt(s.lnQty.size());
            for (double q : s.lnQty) out.writeDouble(q);
            out.writeInt(s.consecutiveFlags);
        }
        Map<String, Map<String, Last>> last = new TreeMap<>(h.lastBySymbol);
        out.writeInt(last.size());
        for (Map.Entry<String, Map<String, Last>> e : last.entrySet()) {
            out.writeUTF(e.getKey());
            Map<String, Last> venues = new TreeMap<>(e.getValue());
            out.writeInt(venues.size());
            for (Map.Entry<String, Last> v : venues.entrySet()) {
                out.writeUTF(v.getKey());
                BigDecSerializer.INSTANCE.serialize(v.getValue().price(), out);
                out.writeLong(v.getValue().ts());
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
            Series s = new Series();
            s.lastPrice = BigDecSerializer.INSTANCE.deserialize(in);
            int r = in.readInt();
            java.util.List<BigDecimal> returns = new java.util.ArrayList<>(r);
            for (int j = 0; j < r; j++) returns.add(BigDecSerializer.INSTANCE.deserialize(in));
            s.returns.load(returns);
            int q = in.readInt();
            java.util.List<Double> lnQty = new java.util.ArrayList<>(q);
            for (int j = 0; j < q; j++) lnQty.add(in.readDouble());
            s.lnQty.load(lnQty);
            s.consecutiveFlags = in.readInt();
            h.series.put(key, s);
        }
        int m = in.readInt();
        for (int i = 0; i < m; i++) {
            String sym = in.readUTF();
            int v = in.readInt();
            Map<String, Last> venues = new HashMap<>();
            for (int j = 0; j < v; j++) {
                String venue = in.readUTF();
                venues.put(venue, new Last(BigDecSerializer.INSTANCE.deserialize(in), in.readLong()));
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
