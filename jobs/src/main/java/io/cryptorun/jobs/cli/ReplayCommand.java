package io.cryptorun.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Bounded replay of recorded frames: writes microstructure.jsonl, bars.jsonl, quarantine.jsonl "
                + "and summary.json, sorted so that equal input gives byte-identical output at any parallelism.")
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--fixtures", required = true, paramLabel = "<file|dir>",
            description = "Fixture JSONL file(s) (.gz allowed) or a fixture directory with manifest.json.")
    Path fixtures;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Output directory (its earlier outputs are replaced).")
    Path out;

    @Mixin
    ReplayOptions options;

    @Override
    public Integer call() throws Exception {
        ReplayRunner.Result r = ReplayRunner.run(fixtures, options.history, out, options, false, System.out);
        RunCommand.printSummary(r, System.out);
        return 0;
    }
}
