package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.live.LiveArgs;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.live.Recorder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record a venue's WebSocket frames (with its resyncs and REST snapshots) into a fixture directory "
                + "with its manifest: replayable with run/replay --fixtures DIR.")
public final class RecordCommand implements Callable<Integer> {
    @Option(names = "--venue", required = true, description = "kraken, coinbase, bitstamp or gemini (comma-separated for several).")
    String venue;

    @Option(names = "--symbols", defaultValue = LiveArgs.DEFAULT_SYMBOLS, description = "Canonical symbols (default: ${DEFAULT-VALUE}).")
    String symbols;

    @Option(names = "--minutes", defaultValue = "10", description = "How long to record (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Fixture directory to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        long end = System.nanoTime() + (long) (minutes * 60e9);
        String generator = "cryptorun record --venue " + venue + " --symbols " + symbols + " --minutes " + minutes;
        Manifest m = Recorder.record(LiveArgs.config(venue, symbols, System.getenv()), out, generator,
                lines -> System.nanoTime() > end);
        long lines = m.files().stream().mapToLong(Manifest.FileEntry::lines).sum();
        System.out.printf("recorded %d frames in %d file(s) to %s%n", lines, m.files().size(), out.toAbsolutePath());
        return lines > 0 ? 0 : 1;
    }
}
