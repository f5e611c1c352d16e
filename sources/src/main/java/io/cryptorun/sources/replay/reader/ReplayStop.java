package io.cryptorun.sources.replay.reader;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A point-in-time cut of a replay: every reader emits the lines with time ≤ {@code atMicros},
 * then waits (it never finishes on its own) so that a savepoint can be taken exactly at the cut.
 * A reader that ran out of input before the cut finishes normally.
 *
 * <p>Each reader says it has emitted everything up to the cut (or that its input ended first) by
 * creating one marker file in {@code markerDir}, named after the source and its subtask. A file rather than an in-JVM signal so
 * the one who triggers the savepoint can be another process, on any file system the task managers
 * share with it.
 *
 * @param atMicros   the cut, epoch µs of line time (the fixture line's receive time {@code ts})
 * @param markerDir  directory for the markers (created on demand)
 * @param sourceName distinguishes the markers of several stop-aware sources in one job
 */
public record ReplayStop(long atMicros, String markerDir, String sourceName) implements Serializable {
    public ReplayStop {
        if (markerDir == null || markerDir.isBlank()) throw new IllegalArgumentException("markerDir is required");
        if (sourceName == null || !sourceName.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("sourceName must be [A-Za-z0-9_-]+: " + sourceName);
        }
    }

    /** The same cut for another source of the job. */
    public ReplayStop forSource(String otherSourceName) {
        return new ReplayStop(atMicros, markerDir, otherSourceName);
    }

    private static final String PAUSED = ".paused";
    private static final String ENDED = ".ended";

    /** Reader {@code subtask} has emitted every line at or before the cut and waits. */
    void markPaused(int subtask) {
        mark(subtask, PAUSED);
    }

    /** Reader {@code subtask} ran out of input before the cut and finishes. */
    void markEnded(int subtask) {
        mark(subtask, ENDED);
    }

    private void mark(int subtask, String suffix) {
        try {
            Path dir = Path.of(markerDir);
            Files.createDirectories(dir);
            Path marker = dir.resolve(sourceName + "-" + subtask + suffix);
            if (!Files.exists(marker)) Files.createFile(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write replay stop marker in " + markerDir, e);
        }
    }

    /** How many readers (of any source sharing {@code markerDir}) have reached the cut or their end. */
    public static int readersReached(Path markerDir) {
        return count(markerDir, PAUSED) + count(markerDir, ENDED);
    }

    /**
     * How many of them are waiting at the cut. None means all input came before the cut: the job
     * finishes by itself, complete, and there is nothing to take a savepoint of.
     */
    public static int readersPaused(Path markerDir) {
        return count(markerDir, PAUSED);
    }

    private static int count(Path markerDir, String suffix) {
        if (!Files.isDirectory(markerDir)) return 0;
        try (Stream<Path> s = Files.list(markerDir)) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + markerDir, e);
        }
    }
}
