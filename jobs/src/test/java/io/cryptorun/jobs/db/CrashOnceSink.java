package io.cryptorun.jobs.db;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * A sink that discards its input and, if asked to and in a job that was not restored, fails its task at the
 * third pre-checkpoint flush (so after at least two checkpoints were triggered): an injected task
 * crash mid-stream. A restored job runs through.
 */
final class CrashOnceSink implements Sink<String> {
    private static final long serialVersionUID = 1L;
    private final boolean crash;

    /** @param crash false: only discard */
    CrashOnceSink(boolean crash) {
        this.crash = crash;
    }
    /** How many times a crash was injected in this JVM (the MiniCluster runs in it). */
    static final AtomicInteger CRASHES = new AtomicInteger();

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<String> createWriter(InitContext ctx) {
        boolean restored = !crash || ctx.getRestoredCheckpointId().isPresent();
        return new SinkWriter<>() {
            private int flushes;

            @Override
            public void write(String element, Context context) {}

            @Override
            public void flush(boolean endOfInput) {
                if (!restored && !endOfInput && ++flushes == 3) {
                    CRASHES.incrementAndGet();
                    throw new IllegalStateException("injected task crash (test)");
                }
            }

            @Override
            public void close() {}
        };
    }
}
