package io.cryptorun.sources.live;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Versioned split encoding. Version 1: {@code UTF id, UTF venue id, int n, n × UTF symbol,
 * long nextOrdinal}. The subscriptions are the symbols: a restored reader subscribes to exactly
 * these (with fresh snapshots), whatever the configuration says now.
 */
public final class LiveSplitSerializer implements SimpleVersionedSerializer<LiveSplit> {
    public static final LiveSplitSerializer INSTANCE = new LiveSplitSerializer();
    static final int VERSION = 1;
    private static final int MAX_SYMBOLS = 10_000;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(LiveSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public LiveSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown live split serializer version " + version + " (this build reads " + VERSION + ")");
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        LiveSplit s = read(in);
        if (in.available() > 0) throw new IOException("trailing bytes after live split");
        return s;
    }

    static void write(LiveSplit s, DataOutputView out) throws IOException {
        out.writeUTF(s.id());
        out.writeUTF(s.venue().id());
        out.writeInt(s.symbols().length);
        for (String sym : s.symbols()) out.writeUTF(sym);
        out.writeLong(s.nextOrdinal());
    }

    static LiveSplit read(DataInputView in) throws IOException {
        String id = in.readUTF();
        Venue venue;
        try {
            venue = Venue.of(in.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt live split: " + e.getMessage(), e);
        }
        int n = in.readInt();
        if (n < 0 || n > MAX_SYMBOLS) throw new IOException("corrupt live split: " + n + " symbols");
        String[] symbols = new String[n];
        for (int i = 0; i < n; i++) symbols[i] = in.readUTF();
        return new LiveSplit(id, venue, symbols, in.readLong());
    }
}
