package io.cryptorun.sources.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Version 1: {@code int n, n × split (as {@link LiveSplitSerializer} v1)} — the splits not yet assigned. */
public final class LiveEnumeratorStateSerializer implements SimpleVersionedSerializer<List<LiveSplit>> {
    public static final LiveEnumeratorStateSerializer INSTANCE = new LiveEnumeratorStateSerializer();
    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(List<LiveSplit> pending) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        out.writeInt(pending.size());
        for (LiveSplit s : pending) LiveSplitSerializer.write(s, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public List<LiveSplit> deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) throw new IOException("unknown live enumerator state version " + version);
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        int n = in.readInt();
        if (n < 0 || n > 100_000) throw new IOException("corrupt live enumerator state: " + n + " splits");
        List<LiveSplit> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(LiveSplitSerializer.read(in));
        if (in.available() > 0) throw new IOException("trailing bytes after live enumerator state");
        return out;
    }
}
