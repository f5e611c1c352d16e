package io.cryptorun.jobs.cli;

import io.cryptorun.sources.time.Rfc3339;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a replay stopped with a savepoint must hand to the replay that resumes from it, kept in a
 * file inside the savepoint directory (which stays self-contained and relocatable):
 * <ul>
 *   <li>the output directory, because the restored file sinks continue the part files there and
 *       would commit them to that place whatever {@code --out} says;</li>
 *   <li>the counts so far, because accumulators are not part of a savepoint.</li>
 * </ul>
 */
record StoppedReplay(Path outDir, long stopAtMicros, Map<String, Long> counters) {
    static final String FILE = "cryptorun-replay.properties";
    private static final String COUNTER = "counter.";

    void write(Path savepoint) throws IOException {
        Properties p = new Properties();
        p.setProperty("out", outDir.toString());
        p.setProperty("stop_at", Rfc3339.formatMicros(stopAtMicros));
        p.setProperty("stop_at_micros", Long.toString(stopAtMicros));
        counters.forEach((k, v) -> p.setProperty(COUNTER + k, Long.toString(v)));
        try (Writer w = Files.newBufferedWriter(savepoint.resolve(FILE), StandardCharsets.UTF_8)) {
            p.store(w, "written by cryptorun replay --stop-at; read by --from-savepoint");
        }
    }

    /**
     * @param outDir the resuming replay's {@code --out}; must be the stopped replay's
     * @throws IllegalArgumentException when the savepoint was not left by a stopped replay, or the
     *                                  output directory differs
     */
    static StoppedReplay read(Path savepoint, Path outDir) throws IOException {
        Path file = savepoint.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(savepoint + " is not a savepoint of `cryptorun replay --stop-at` (no " + FILE
                    + "); to restore a cluster job use `./cryptorun submit --from-savepoint`");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Path stoppedOut = Path.of(p.getProperty("out"));
        if (!stoppedOut.equals(outDir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("this savepoint continues the outputs in " + stoppedOut
                    + "; resume with --out " + stoppedOut + " (got " + outDir + ")");
        }
        Map<String, Long> counters = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith(COUNTER)) counters.put(k.substring(COUNTER.length()), Long.parseLong(p.getProperty(k)));
        }
        return new StoppedReplay(stoppedOut, Long.parseLong(p.getProperty("stop_at_micros")), counters);
    }
}
