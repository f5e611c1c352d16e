package io.cryptorun.sources.replay.split;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One replay file and how far it has been read. The position is a count of physical lines, not
 * a byte offset, because gzip streams cannot seek: restore reopens the file and skips that many
 * lines, replaying them through the decoder's {@code skip} so per-file state (frame ordinals)
 * comes out as if the file had been read without interruption.
 *
 * @param path          absolute path of the file (the split id)
 * @param linesConsumed physical lines (blank ones included) up to and including the last line
 *                      whose records were emitted
 */
public record ReplayFileSplit(String path, long linesConsumed) implements SourceSplit {

    public ReplayFileSplit {
        if (path == null || path.isEmpty()) throw new IllegalArgumentException("path must not be empty");
        if (linesConsumed < 0) throw new IllegalArgumentException("linesConsumed must be >= 0: " + linesConsumed);
    }

    @Override
    public String splitId() {
        return path;
    }

    public ReplayFileSplit withLinesConsumed(long lines) {
        return new ReplayFileSplit(path, lines);
    }
}
