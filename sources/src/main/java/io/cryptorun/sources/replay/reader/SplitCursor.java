package io.cryptorun.sources.replay.reader;

import io.cryptorun.sources.fixture.BoundedLineReader;
import io.cryptorun.sources.fixture.DecodedLine;
import io.cryptorun.sources.fixture.LineDecoder;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.replay.split.ReplayFileSplit;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import org.apache.flink.api.connector.source.SourceOutput;

/**
 * A reader's view of one assigned file: positioned at the checkpointed line, holding a small
 * batch of decoded lines read ahead, and the split's own watermark output. The head line's time
 * is the file's key in the reader's merge.
 */
final class SplitCursor<T> implements Closeable {
    /** Merge order: earliest head line first; ties by split id so the order never depends on timing. */
    static final Comparator<SplitCursor<?>> HEAD_ORDER =
            Comparator.<SplitCursor<?>>comparingLong(SplitCursor::headTime).thenComparing(SplitCursor::splitId);

    private final String path;
    private final LineDecoder.FileDecoder<T> decoder;
    private final int maxLineChars;
    private final long restoredPosition;
    private final ArrayDeque<DecodedLine<T>> buffer = new ArrayDeque<>();
    private BoundedLineReader lines;
    private CountingInputStream counted;
    private long linesRead;
    private long consumed;
    private long lastLineTime = DecodedLine.NO_TIME;
    private boolean opened;
    private boolean eof;
    private SourceOutput<T> output;

    SplitCursor(ReplayFileSplit split, LineDecoder.FileDecoder<T> decoder, int maxLineChars) {
        this.path = split.path();
        this.decoder = decoder;
        this.maxLineChars = maxLineChars;
        this.restoredPosition = split.linesConsumed();
        this.consumed = split.linesConsumed();
    }

    String splitId() {
        return path;
    }

    /** The split as it must be checkpointed now: the last emitted line is the position. */
    ReplayFileSplit checkpoint() {
        return new ReplayFileSplit(path, consumed);
    }

    boolean restored() {
        return restoredPosition > 0;
    }

    /**
     * Opens the file and skips up to {@code budget} already-consumed lines. Bounded per call so a
     * restore deep into a large file does not hold the task thread (and checkpoint barriers) for
     * the whole skip.
     *
     * @return the unused budget; the cursor is positioned when {@link #positioned()} says so
     */
    int position(int budget) throws IOException {
        if (!opened) {
            // Bytes are counted below the UTF-8 decoder: exact, and no per-character work per line.
            counted = new CountingInputStream(Manifest.decompressed(Path.of(path)));
            lines = new BoundedLineReader(new java.io.InputStreamReader(counted, java.nio.charset.StandardCharsets.UTF_8), maxLineChars);
            opened = true;
        }
        while (linesRead < restoredPosition && budget > 0) {
            String line = lines.next();
            if (line == null) {
                throw new IOException(path + " has only " + linesRead + " lines but the checkpoint consumed "
                        + restoredPosition + ": the file changed since the checkpoint was taken");
            }
            linesRead++;
            budget--;
            if (!lines.lastWasOversize() && !line.isBlank()) {
                decoder.skip(line, linesRead);
            }
        }
        return budget;
    }

    boolean positioned() {
        return opened && linesRead >= restoredPosition;
    }

    /**
     * Reads and decodes the next batch: at most {@code maxLines} lines or about {@code maxChars}
     * chars, but at least one non-blank line unless the file ends.
     */
    void fill(int maxLines, long maxChars) throws IOException {
        int added = 0;
        long chars = 0;
        while (!eof && (buffer.isEmpty() || (added < maxLines && chars < maxChars))) {
            String line = lines.next();
            if (line == null) {
                eof = true;
                closeFile();
                break;
            }
            linesRead++;
            boolean oversize = lines.lastWasOversize();
            chars += oversize ? lines.lastLength() : line.length() + 1;
            if (!oversize && line.isBlank()) continue;
            DecodedLine<T> d = new DecodedLine<>(linesRead);
            try {
                if (oversize) {
                    decoder.oversizeLine(line, lines.lastLength(), linesRead, d);
                    d.bytes = counted.takeCount();
                } else {
                    decoder.decode(line, linesRead, d);
                    d.bytes = counted.takeCount();
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("decoder failed on " + path + ":" + linesRead + " (decoders must quarantine, not throw)", e);
            }
            if (d.lineTime == DecodedLine.NO_TIME) {
                d.lineTime = lastLineTime;
            } else {
                lastLineTime = d.lineTime;
            }
            buffer.addLast(d);
            added++;
        }
    }

    boolean exhausted() {
        return buffer.isEmpty() && eof;
    }

    long headTime() {
        return buffer.getFirst().lineTime;
    }

    /** Removes the head line; the caller emits it, then the position moves past it. */
    DecodedLine<T> takeHead() {
        DecodedLine<T> d = buffer.removeFirst();
        consumed = d.lineNumber;
        return d;
    }

    boolean needsFill() {
        return buffer.isEmpty() && !eof;
    }

    SourceOutput<T> output() {
        return output;
    }

    void output(SourceOutput<T> out) {
        this.output = out;
    }

    private void closeFile() throws IOException {
        if (lines != null) {
            BoundedLineReader l = lines;
            lines = null;
            l.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }
}
