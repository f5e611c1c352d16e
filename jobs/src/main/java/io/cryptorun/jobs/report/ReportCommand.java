package io.cryptorun.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.jobs.evaluate.Evaluation;
import io.cryptorun.jobs.evaluate.RunOutputs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write one self-contained offline HTML report of a finished run: candles with alert/exit markers and "
                + "regime bands per symbol, spread/depth sparklines, alerts, suppressed, exits, gate trips, score "
                + "distribution, integrity, settings and the evaluation (docs/EVALUATION.md).")
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "<dir>", description = "The --out directory of a run/replay.")
    Path run;

    @Option(names = "--out", paramLabel = "<file.html>", description = "Report file (default: <run>/report.html).")
    Path out;

    @Option(names = "--truth", paramLabel = "<file>", description = "Simulator truth.json for the evaluation (default: <run>/truth.json if present).")
    Path truth;

    @Override
    public Integer call() throws IOException {
        try {
            Path file = write(run, truth, out);
            System.out.println("report: " + file.toAbsolutePath());
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    /**
     * The end of {@code cryptorun run}: the report of the finished replay (judged against the
     * fixture's {@code truth.json} when it has one) next to its outputs, and where it is.
     */
    public static void afterRun(Path runDir, Path fixtures, PrintStream out) throws IOException {
        Path truth = fixtures.resolve("truth.json");
        boolean judged = Files.isRegularFile(truth);
        Path file = write(runDir, judged ? truth : null, null);
        out.println("report: " + file.toAbsolutePath() + " (open it in a browser; `cryptorun evaluate --run " + runDir
                + (judged ? " --truth " + truth : "") + "` writes evaluation.json)");
    }

    /** Evaluates the run (seeded default) and writes its report; returns the report's path. */
    public static Path write(Path runDir, Path truthFile, Path out) throws IOException {
        RunOutputs outputs = RunOutputs.read(runDir);
        Path t = truthFile != null ? truthFile : runDir.resolve("truth.json");
        if (truthFile != null && !Files.exists(truthFile)) {
            throw new IllegalArgumentException("truth file not found: " + truthFile.toAbsolutePath());
        }
        JsonNode truth = Files.exists(t) ? new ObjectMapper().readTree(t.toFile()) : null;
        JsonNode eval = new Evaluation(outputs, truth, Evaluation.DEFAULT_SEED).evaluate();
        return HtmlReport.write(outputs, eval, out != null ? out : runDir.resolve("report.html"));
    }
}
