package io.cryptorun.sources.replay.split;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Explicit, versioned split encoding (savepoints outlive code changes; Java serialization or
 * Kryo would tie them to class layouts). Version 1: {@code int pathLength, utf8 path bytes, long
 * linesConsumed}.
 */
public final class ReplayFileSplitSerializer implements SimpleVersionedSerializer<ReplayFileSplit> {
    public static final ReplayFileSplitSerializer INSTANCE = new ReplayFileSplitSerializer();
    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(ReplayFileSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(split.path().length() + 16);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public ReplayFileSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown replay split serializer version " + version + " (this build reads " + VERSION + ")");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        ReplayFileSplit split = read(in);
        if (in.available() > 0) throw new IOException("trailing bytes after replay split");
        return split;
    }

    public static void write(ReplayFileSplit split, DataOutputView out) throws IOException {
        byte[] path = split.path().getBytes(StandardCharsets.UTF_8);
        out.writeInt(path.length);
        out.write(path);
        out.writeLong(split.linesConsumed());
    }

    public static ReplayFileSplit read(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n <= 0 || n > (1 << 20)) throw new IOException("corrupt replay split: path length " + n);
        byte[] path = new byte[n];
        in.readFully(path);
        return new ReplayFileSplit(new String(path, StandardCharsets.UTF_8), in.readLong());
    }
}
