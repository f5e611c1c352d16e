package io.cryptorun.jobs.cli;

import io.cryptorun.sources.time.Rfc3339;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Bounded replay of recorded frames into --out: microstructure.jsonl, bars.jsonl, quarantine.jsonl, "
                + "regime.jsonl, scores.jsonl, alerts.jsonl, suppressed.jsonl, exits.jsonl, control_audit.jsonl, universe.jsonl and "
                + "summary.json, sorted so that equal input gives byte-identical output at any parallelism.",
                "Checks Kafka, PostgreSQL and --out first; builds the outputs next to --out and moves them in only on "
                + "success (Ctrl-C or a failure keeps the earlier ones). Prints progress on stderr and a summary."})
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--fixtures", required = true, paramLabel = "<file|dir>",
            description = "Fixture JSONL file(s) (.gz allowed) or a fixture directory with manifest.json.")
    Path fixtures;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Output directory (its earlier outputs are replaced).")
    Path out;

    @Mixin
    ReplayOptions options;

    @Option(names = "--stop-at", paramLabel = "<time>", converter = TimeConverter.class,
            description = "Stop with a savepoint once all input received at or before this time (RFC 3339, e.g. "
                    + "2024-05-01T03:00:00Z, or epoch microseconds) is in; needs --savepoint-dir. The outputs then "
                    + "hold everything up to the cut.")
    Long stopAt;

    @Option(names = "--savepoint-dir", paramLabel = "<dir>", description = "Where --stop-at writes its savepoint.")
    Path savepointDir;

    @Option(names = "--from-savepoint", paramLabel = "<path>",
            description = "Resume a replay stopped with --stop-at from its savepoint, over the same input and into the "
                    + "same --out; the outputs then equal those of an uninterrupted replay.")
    Path fromSavepoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (stopAt != null && savepointDir == null) {
            throw new ParameterException(spec.commandLine(), "--stop-at needs --savepoint-dir");
        }
        PointInTime pit = new PointInTime(stopAt != null ? stopAt : PointInTime.NO_STOP, savepointDir, fromSavepoint);
        ReplayRunner.Result r = ReplayRunner.run(fixtures, options.history, out, RunCommand.withProgress(options), pit, false,
                RunCommand.log(options));
        RunSummary.print(r, options, System.out);
        return 0;
    }

    /** RFC 3339 time or epoch microseconds → epoch microseconds. */
    static final class TimeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            if (value.matches("\\d+")) return Long.parseLong(value);
            long micros = Rfc3339.parseMicros(value);
            if (micros == Rfc3339.INVALID) {
                throw new TypeConversionException("not an RFC 3339 time or epoch microseconds: " + value);
            }
            return micros;
        }
    }
}
