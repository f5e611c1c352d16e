package io.cryptorun.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.cluster.ClusterHealth;
import io.cryptorun.jobs.cluster.FlinkRest;
import io.cryptorun.jobs.cluster.FlinkRestJobs;
import io.cryptorun.jobs.cluster.LiveSourceMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cryptorun health [--rest URL] [--max-checkpoint-age S] [--max-freshness S] [JOB_ID]}: one
 * line per check of a session cluster and its job (see {@link ClusterHealth}); exit 0 when healthy,
 * 1 when not, 2 when no JOB_ID is given and several jobs run. {@code ./cryptorun health} and
 * {@code deploy/local/cluster.sh health} call this.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Health of a Flink session cluster and its job: TaskManagers, job state, checkpoint age, "
                + "live sources' per-venue freshness and circuit state, last error. Exit 0 healthy, 1 unhealthy.")
public final class HealthCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    FlinkRestOption rest = new FlinkRestOption();

    @Option(names = "--max-checkpoint-age", paramLabel = "SECONDS",
            description = "Unhealthy when the last completed checkpoint is older (default: 60).")
    Long maxCheckpointAge;

    @Option(names = "--max-freshness", paramLabel = "SECONDS", defaultValue = "60",
            description = "Unhealthy when a venue's p99 data age exceeds this (default: ${DEFAULT-VALUE}).")
    long maxFreshness;

    @Parameters(arity = "0..1", paramLabel = "JOB_ID", description = "The job (default: the one job that is not finished).")
    String jobId;

    /** Tests set a clock and zone; the command uses the wall clock and the local zone. */
    long nowMillis = -1;
    ZoneId zone = ZoneId.systemDefault();

    @Override
    public Integer call() {
        if (maxCheckpointAge != null && maxCheckpointAge < 0) throw UserError.usage("--max-checkpoint-age must be >= 0", "seconds");
        if (maxFreshness < 0) throw UserError.usage("--max-freshness must be >= 0", "seconds");
        if (jobId != null && !FlinkRestJobs.isJobId(jobId)) throw UserError.usage("not a Flink job id: " + jobId, "32 hex digits, see `./cryptorun cluster status`");
        PrintWriter out = spec.commandLine().getOut();
        FlinkRest client = rest.client(Duration.ofSeconds(30));
        JsonNode overview;
        try {
            overview = client.get("/overview");
        } catch (IOException e) {
            return print(out, ClusterHealth.down(client.base()));
        }
        String job = jobId;
        if (job == null) {
            List<FlinkRestJobs.Job> active;
            try {
                active = FlinkRestJobs.active(client.get("/jobs/overview"));
            } catch (IOException e) {
                throw UserError.runtime("cannot list the jobs: " + e.getMessage(), "is " + client.base() + " a Flink REST API?", e);
            }
            if (active.size() > 1) {
                PrintWriter err = spec.commandLine().getErr();
                active.forEach(j -> err.println(j.line()));
                throw UserError.usage(active.size() + " jobs run on " + client.base(), "give a JOB_ID");
            }
            job = active.isEmpty() ? null : active.get(0).jid();
        }
        JsonNode jobDoc = null, cps = null, exc = null;
        if (job != null) {
            try {
                jobDoc = client.get("/jobs/" + job);
            } catch (IOException e) {
                out.println("job:        " + job + " UNKNOWN");
                out.println("UNHEALTHY");
                out.flush();
                return 1;
            }
            cps = getOrEmpty(client, "/jobs/" + job + "/checkpoints");
            exc = getOrEmpty(client, "/jobs/" + job + "/exceptions?maxExceptions=1");
        }
        ClusterHealth.LiveSources live;
        if (jobDoc != null && "RUNNING".equals(jobDoc.path("state").asText())) {
            try {
                live = ClusterHealth.LiveSources.of(LiveSourceMetrics.read(client, jobDoc));
            } catch (IOException | RuntimeException e) {
                live = ClusterHealth.LiveSources.failed(e.getMessage());
            }
        } else {
            live = ClusterHealth.LiveSources.of(java.util.Optional.empty());
        }
        ClusterHealth.Limits limits = new ClusterHealth.Limits(
                maxCheckpointAge == null ? ClusterHealth.Limits.DEFAULT_SECONDS : maxCheckpointAge, maxFreshness);
        return print(out, ClusterHealth.evaluate(client.base(), overview, jobDoc, cps, exc, live, limits,
                nowMillis >= 0 ? nowMillis : System.currentTimeMillis(), zone));
    }

    private static JsonNode getOrEmpty(FlinkRest client, String path) {
        try {
            return client.get(path);
        } catch (IOException e) {
            return FlinkRestJobs.EMPTY;
        }
    }

    private static int print(PrintWriter out, ClusterHealth h) {
        h.lines().forEach(out::println);
        out.flush();
        return h.healthy() ? 0 : 1;
    }
}
