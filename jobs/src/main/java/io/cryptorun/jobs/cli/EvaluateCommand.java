package io.cryptorun.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptorun.jobs.cli.ReplayOptions;
import io.cryptorun.jobs.cli.ReplayRunner;
import io.cryptorun.jobs.evaluate.Evaluation;
import io.cryptorun.jobs.evaluate.PromotionGate;
import io.cryptorun.jobs.evaluate.RunOutputs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Judge a finished run: forward returns by band and score decile, rank IC, hit rate, lift vs baselines "
                + "(bootstrap CIs), with simulator truth recall/precision/lead time and regime agreement; writes "
                + "evaluation.json into the run directory (docs/EVALUATION.md). With --baseline: the promotion gate "
                + "(exit 1, one line per regression).")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--run", paramLabel = "<dir>",
            description = "The --out directory of a run/replay (with --fixtures: where to replay to; default a temporary directory).")
    Path run;

    @Option(names = "--fixtures", paramLabel = "<dir>",
            description = "Replay this fixture first (parallelism 1, as fast as possible), then evaluate it against its truth.json. "
                    + "Regenerating a baseline is one command: evaluate --fixtures fixtures/kraken-sim "
                    + "--write-baseline docs/baselines/kraken-sim.json")
    Path fixtures;

    @Option(names = "--truth", paramLabel = "<file>",
            description = "Simulator truth.json (default: the run's truth.json if present, else none).")
    Path truth;

    @Option(names = "--baseline", paramLabel = "<file>", description = "Promotion gate against this baseline (docs/baselines/).")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "<file>", description = "Write this evaluation as the new baseline.")
    Path writeBaseline;

    @Option(names = "--out", paramLabel = "<file>", description = "Where to write the evaluation (default: <run>/evaluation.json).")
    Path out;

    @Option(names = "--seed", defaultValue = "" + Evaluation.DEFAULT_SEED, description = "Seed of the random baseline and the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (run == null && fixtures == null) {
            System.err.println("give --run DIR (a finished run's outputs) or --fixtures DIR (replay it first)");
            return 2;
        }
        if (fixtures != null) {
            if (!Files.isDirectory(fixtures)) {
                System.err.println("fixture not found: " + fixtures.toAbsolutePath());
                return 2;
            }
            if (run == null) {
                run = Files.createTempDirectory("cryptorun-evaluate-");
            }
            ReplayOptions o = new ReplayOptions();
            o.speed = 0;
            o.checkpointIntervalMs = 2000;
            System.out.println("replaying " + fixtures + " into " + run);
            ReplayRunner.run(fixtures, null, run, o, false, new PrintStream(PrintStream.nullOutputStream()));
            if (truth == null && Files.isRegularFile(fixtures.resolve("truth.json"))) {
                truth = fixtures.resolve("truth.json");
            }
        }
        RunOutputs outputs;
        try {
            outputs = RunOutputs.read(run);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Path truthFile = truth != null ? truth : run.resolve("truth.json");
        if (truth != null && !Files.exists(truth)) {
            System.err.println("truth file not found: " + truth.toAbsolutePath() + " (the simulator writes it next to the fixture)");
            return 2;
        }
        JsonNode t = Files.exists(truthFile) ? RunOutputs.JSON.readTree(truthFile.toFile()) : null;
        ObjectNode eval = new Evaluation(outputs, t, seed).evaluate();
        Path target = out != null ? out : run.resolve("evaluation.json");
        Files.writeString(target, RunOutputs.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(eval) + "\n");
        System.out.println("evaluation: " + target.toAbsolutePath());
        if (writeBaseline != null) {
            String cmd = fixtures != null ? "./cryptorun evaluate --fixtures " + fixtures + " --write-baseline " + writeBaseline
                    : "./cryptorun evaluate --run <replay of the same input> " + (t != null ? "--truth <its truth.json> " : "")
                    + "--write-baseline " + writeBaseline;
            Files.writeString(writeBaseline,
                    RunOutputs.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(PromotionGate.baselineOf(eval, cmd)) + "\n");
            System.out.println("baseline written: " + writeBaseline.toAbsolutePath());
        }
        if (baseline != null) {
            if (!Files.exists(baseline)) {
                System.err.println("baseline not found: " + baseline.toAbsolutePath() + " (create it with --write-baseline)");
                return 2;
            }
            List<String> reg = PromotionGate.regressions(eval, RunOutputs.JSON.readTree(baseline.toFile()));
            if (!reg.isEmpty()) {
                reg.forEach(System.out::println);
                System.out.println("promotion gate: " + reg.size() + " regression(s) against " + baseline
                        + " (if intended, regenerate it with --write-baseline " + baseline + " in the same change)");
                return 1;
            }
            System.out.println("promotion gate: passed against " + baseline);
        }
        return 0;
    }
}
