package io.cryptorun.jobs;

import io.cryptorun.jobs.output.OutputFiles;
import java.nio.file.Path;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * File outputs for replays: exactly-once {@link FileSink}s writing part files under
 * {@code <out>/_parts/<stream>/}, committed on checkpoints (and at end of input by the final
 * checkpoint), later merged into canonical sorted files by {@link SortedJsonl}.
 */
public final class FileSinks {
    private FileSinks() {}

    /** Every output's lines into its part-file directory under {@code <outDir>/_parts/}. */
    public static ScannerOutputs outputs(Path outDir) {
        String partsRoot = outDir.resolve(OutputFiles.PARTS_DIR).toAbsolutePath().toString();
        ScannerOutputs outputs = ScannerOutputs.none();
        for (OutputKind kind : OutputKind.values()) {
            outputs = outputs.withLines(kind, lines(partsRoot, kind.stream()));
        }
        return outputs;
    }

    static Path partsDir(Path outDir, String stream) {
        return outDir.resolve(OutputFiles.PARTS_DIR).resolve(stream);
    }

    private static Sink<String> lines(String partsRoot, String stream) {
        return FileSink.forRowFormat(new org.apache.flink.core.fs.Path(partsRoot + "/" + stream),
                        new SimpleStringEncoder<String>("UTF-8"))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .build();
    }
}
