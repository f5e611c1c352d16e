package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.cluster.FlinkRest;
import io.cryptorun.jobs.cluster.FlinkRestJobs;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cryptorun flink-rest jobs|run-request|stop-request}: the pieces of the session-cluster job
 * operations that are decisions or JSON, for {@code deploy/local/cluster.sh} (which keeps only
 * the HTTP calls and the waiting): which jobs are active, and the request bodies.
 */
@Command(name = "flink-rest", hidden = true, mixinStandardHelpOptions = true,
        description = "Helpers of deploy/local/cluster.sh: list jobs, build REST request bodies.",
        subcommands = {FlinkRestCommand.Jobs.class, FlinkRestCommand.Config.class, FlinkRestCommand.RunRequest.class,
                FlinkRestCommand.StopRequest.class})
public final class FlinkRestCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code jobs [--active] [--rest URL]}: one line {@code <jid> <state> <name>} per job, newest first. */
    @Command(name = "jobs", mixinStandardHelpOptions = true, description = "List the cluster's jobs, newest first: <jid> <state> <name>.")
    static final class Jobs implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        FlinkRestOption rest = new FlinkRestOption();

        @Option(names = "--active", description = "Only jobs that are not FINISHED, FAILED or CANCELED.")
        boolean active;

        @Override
        public Integer call() {
            FlinkRest client = rest.client(Duration.ofSeconds(30));
            List<FlinkRestJobs.Job> jobs;
            try {
                var overview = client.get("/jobs/overview");
                jobs = active ? FlinkRestJobs.active(overview) : FlinkRestJobs.all(overview);
            } catch (IOException e) {
                throw UserError.runtime("no Flink REST API at " + client.base() + ": " + e.getMessage(),
                        "is the cluster up? ./cryptorun cluster status", e);
            }
            PrintWriter out = spec.commandLine().getOut();
            jobs.forEach(j -> out.println(j.line()));
            out.flush();
            return 0;
        }
    }

    /** {@code config KEY [--rest URL]}: the JobManager's value of a configuration key (empty line when unset). */
    @Command(name = "config", mixinStandardHelpOptions = true, description = "Print the JobManager's value of a configuration key.")
    static final class Config implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        FlinkRestOption rest = new FlinkRestOption();

        @Parameters(index = "0", paramLabel = "KEY") String key;

        @Override
        public Integer call() {
            FlinkRest client = rest.client(Duration.ofSeconds(30));
            String value;
            try {
                value = FlinkRestJobs.configValue(client.get("/jobmanager/config"), key);
            } catch (IOException e) {
                throw UserError.runtime("no Flink REST API at " + client.base() + ": " + e.getMessage(),
                        "is the cluster up? ./cryptorun cluster status", e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(value == null ? "" : value);
            out.flush();
            return 0;
        }
    }

    /** {@code run-request [--parallelism N] [--savepoint PATH [--allow-non-restored-state]] [--entry-class C] [-- ARGS]}. */
    @Command(name = "run-request", mixinStandardHelpOptions = true, description = "Print the JSON body of POST /jars/:id/run.")
    static final class RunRequest implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--parallelism") Integer parallelism;
        @Option(names = "--savepoint") String savepoint;
        @Option(names = "--allow-non-restored-state") boolean allowNonRestored;
        @Option(names = "--entry-class") String entryClass;
        @Parameters(paramLabel = "ARG", description = "The job's arguments (after --).") List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            if (parallelism != null && parallelism < 1) throw UserError.usage("--parallelism must be >= 1", "e.g. --parallelism 2");
            PrintWriter out = spec.commandLine().getOut();
            out.println(FlinkRestJobs.runRequest(args, entryClass, parallelism, savepoint, allowNonRestored));
            out.flush();
            return 0;
        }
    }

    /** {@code stop-request --target DIR}. */
    @Command(name = "stop-request", mixinStandardHelpOptions = true, description = "Print the JSON body of POST /jobs/:id/stop.")
    static final class StopRequest implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--target", required = true) String target;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println(FlinkRestJobs.stopRequest(target));
            out.flush();
            return 0;
        }
    }
}
