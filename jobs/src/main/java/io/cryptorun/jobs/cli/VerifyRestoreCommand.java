package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.cluster.RestoreContinuity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cryptorun verify-restore --parts OUT/_parts --before FILE --fixture DIR}: did the job
 * restored from a savepoint continue where the stopped one left off ({@link RestoreContinuity})?
 * One line per claim on stderr; exit 0 when all hold, 1 otherwise.
 */
@Command(name = "verify-restore", hidden = true, mixinStandardHelpOptions = true,
        description = "Check that a job restored from a savepoint continued its file output without duplicates or gaps.")
public final class VerifyRestoreCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--parts", required = true, paramLabel = "DIR", description = "The jobs' <out>/_parts directory.")
    Path parts;

    @Option(names = "--before", required = true, paramLabel = "FILE",
            description = "The part files that existed when the first job stopped, one absolute path a line.")
    Path before;

    @Option(names = "--fixture", required = true, paramLabel = "DIR", description = "The replayed fixture (its manifest.json gives first_ts).")
    Path fixture;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(parts)) throw UserError.usage("no such directory: " + parts, "give the jobs' <out>/_parts");
        if (!Files.isRegularFile(before)) throw UserError.usage("no such file: " + before, "list the part files when the first job stopped");
        Path manifest = fixture.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) throw UserError.usage("no manifest.json in " + fixture, "give a fixture directory");
        long firstTs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile()).path("first_ts").asLong();
        Set<String> job1 = new HashSet<>();
        for (String l : Files.readAllLines(before)) if (!l.isBlank()) job1.add(l.strip());
        List<RestoreContinuity.Claim> claims = RestoreContinuity.check(parts, job1, firstTs);
        PrintWriter err = spec.commandLine().getErr();
        claims.forEach(c -> err.println(c.line()));
        err.flush();
        return RestoreContinuity.allOk(claims) ? 0 : 1;
    }
}
