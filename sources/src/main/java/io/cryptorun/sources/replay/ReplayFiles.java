package io.cryptorun.sources.replay;

import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.fixture.InvalidFixtureException;
import io.cryptorun.sources.fixture.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns what the user named (files and fixture directories) into the files to replay. A
 * directory is only trusted through its verified {@code manifest.json}: replaying a truncated or
 * edited recording would silently produce different results, so it is refused up front.
 */
public final class ReplayFiles {
    private ReplayFiles() {}

    /**
     * @param inputs files (used as given) and fixture directories (their manifest's files of
     *               {@code kind}, after {@link Manifest#verify})
     * @param kind   {@link Manifest#KIND_FRAMES} or {@link Manifest#KIND_HISTORY}
     * @return distinct absolute paths in path order
     * @throws InvalidFixtureException listing every problem found
     */
    public static List<Path> resolve(List<Path> inputs, String kind) {
        List<String> problems = new ArrayList<>();
        TreeSet<Path> files = new TreeSet<>();
        for (Path input : inputs) {
            Path p = input.toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                fromManifest(p, kind, files, problems);
            } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
                files.add(p);
            } else {
                problems.add(input + ": no such readable file or directory");
            }
        }
        if (problems.isEmpty() && files.isEmpty()) {
            problems.add("no " + kind + " files in " + inputs);
        }
        if (!problems.isEmpty()) throw new InvalidFixtureException(problems);
        return List.copyOf(files);
    }

    /**
     * The end of a recorded input's event time: the latest receive time ({@code ts}) of its frame
     * files — no event in the input is later, so an interval ending after it has not ended (SPEC
     * §5: an open bar is never emitted as closed at end of input). Taken from the verified
     * manifest for a fixture directory, else by reading the file (a malformed line is skipped:
     * the replay quarantines it). {@link Long#MIN_VALUE} when nothing has a time stamp.
     */
    public static long endOfInputMicros(List<Path> inputs) {
        long end = Long.MIN_VALUE;
        for (Path input : inputs) {
            Path p = input.toAbsolutePath().normalize();
            try {
                if (Files.isDirectory(p)) {
                    for (Manifest.FileEntry f : Manifest.read(p).filesOfKind(Manifest.KIND_FRAMES)) {
                        end = Math.max(end, f.lastTs());
                    }
                } else {
                    try (java.io.BufferedReader r = Manifest.open(p)) {
                        var cursor = FixtureLine.newCursor();
                        for (String line = r.readLine(); line != null; line = r.readLine()) {
                            try {
                                end = Math.max(end, FixtureLine.parse(line, cursor).ts());
                            } catch (IllegalArgumentException malformed) {
                                // counted and quarantined by the replay itself
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new InvalidFixtureException(List.of(input + ": " + e.getMessage()));
            }
        }
        return end;
    }

    private static void fromManifest(Path dir, String kind, TreeSet<Path> files, List<String> problems) {
        try {
            Manifest m = Manifest.read(dir);
            List<String> found = m.verify(dir);
            if (!found.isEmpty()) {
                for (String f : found) problems.add(dir.resolve(Manifest.FILE_NAME) + ": " + f);
                return;
            }
            for (Manifest.FileEntry f : m.filesOfKind(kind)) {
                files.add(dir.resolve(f.path()).toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            problems.add(String.valueOf(e.getMessage()));
        }
    }
}
