package io.cryptorun.sources.replay.enumerator;

import io.cryptorun.sources.replay.split.ReplayFileSplit;
import io.cryptorun.sources.replay.split.ReplayFileSplitSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Version 1: {@code int count}, then each split as in {@link ReplayFileSplitSerializer} v1. */
public final class ReplayEnumeratorStateSerializer implements SimpleVersionedSerializer<ReplayEnumeratorState> {
    public static final ReplayEnumeratorStateSerializer INSTANCE = new ReplayEnumeratorStateSerializer();
    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(ReplayEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeInt(state.unassigned().size());
        for (ReplayFileSplit s : state.unassigned()) ReplayFileSplitSerializer.write(s, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public ReplayEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown replay enumerator state version " + version + " (this build reads " + VERSION + ")");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int n = in.readInt();
        if (n < 0) throw new IOException("corrupt replay enumerator state: count " + n);
        List<ReplayFileSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) splits.add(ReplayFileSplitSerializer.read(in));
        if (in.available() > 0) throw new IOException("trailing bytes after replay enumerator state");
        return new ReplayEnumeratorState(splits);
    }
}
