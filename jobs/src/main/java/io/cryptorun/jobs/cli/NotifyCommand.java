package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.control.ControlTopic;
import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.notify.Destination;
import io.cryptorun.jobs.notify.Durations;
import io.cryptorun.jobs.notify.NotifyJob;
import io.cryptorun.jobs.notify.NotifySettings;
import io.cryptorun.jobs.notify.RetryPolicy;
import io.cryptorun.jobs.notify.Templates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cryptorun notify}: the notifier job (docs/ALERTS.md "Notifier"). Run from the CLI it is a
 * local Flink job; {@code flink run -c io.cryptorun.jobs.cli.NotifyMain cryptorun-jobs.jar …}
 * (or {@code ./cryptorun submit --entry-class io.cryptorun.jobs.cli.NotifyMain -- …}) runs the same on a session cluster.
 */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = "Deliver alerts and exits from Kafka to Slack incoming webhooks and Telegram chats, once per channel "
                + "(delivery ledger in PostgreSQL). Secrets only from env CRYPTORUN_<KIND>_<NAME>_WEBHOOK|_TOKEN or "
                + "<secrets dir>/<kind>-<name>.")
public final class NotifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "<dest>",
            description = "Destination, repeatable: slack:NAME (webhook from env CRYPTORUN_SLACK_<NAME>_WEBHOOK) or "
                    + "telegram:NAME:CHAT_ID (bot token from env CRYPTORUN_TELEGRAM_<NAME>_TOKEN).")
    List<String> to = new ArrayList<>();

    @Mixin
    AlertTopics topics = new AlertTopics();

    @Option(names = "--control-topic", defaultValue = ControlTopic.DEFAULT_TOPIC,
            description = "mutes (default: ${DEFAULT-VALUE}); 'none' to ignore mutes")
    String controlTopic;

    @Option(names = "--group", defaultValue = "cryptorun-notify", description = "Kafka consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--templates", paramLabel = "<dir>",
            description = "Directory with template overrides (slack-alert.json, slack-exit.json, telegram-alert.md, telegram-exit.md).")
    Path templates;

    @Option(names = "--secrets-dir", defaultValue = "${env:CRYPTORUN_SECRETS_DIR}", paramLabel = "<dir>",
            description = "Directory of mounted secret files slack-<name>, telegram-<name> (env CRYPTORUN_SECRETS_DIR).")
    Path secretsDir;

    @Option(names = "--dry-run", description = "Render every message to the console and log instead of sending (no ledger writes).")
    boolean dryRun;

    @Option(names = "--until-caught-up", description = "Stop once everything in the topics now is delivered (default: follow them).")
    boolean bounded;

    @Option(names = "--deadline", defaultValue = "10m", description = "Give up on a failing destination after this long (default: ${DEFAULT-VALUE}).")
    String deadline;

    @Option(names = "--request-timeout", defaultValue = "10s", description = "One HTTP request (default: ${DEFAULT-VALUE}).")
    String requestTimeout;

    @Option(names = "--checkpoint-interval", defaultValue = "5000", description = "ms; source offsets commit on checkpoints.")
    long checkpointIntervalMs;

    @Mixin
    PgOptions pg = new PgOptions();

    @Override
    public Integer call() throws Exception {
        NotifySettings s = settings();
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (env instanceof org.apache.flink.streaming.api.environment.LocalStreamEnvironment && !dryRun) {
            // run here: the task manager is this process, so a missing secret fails now, in one line, not in a restart loop
            for (Destination d : s.destinations()) {
                try {
                    d.secret(System.getenv(), secretsDir);
                } catch (java.io.IOException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            }
        }
        env.enableCheckpointing(checkpointIntervalMs);
        NotifyJob.build(env, s);
        System.out.println("notifying " + s.destinations() + " from " + s.alertsTopic() + (s.exitsTopic() == null ? "" : " + " + s.exitsTopic())
                + (dryRun ? " (dry run)" : "") + (bounded ? " until caught up" : "; Ctrl-C to stop"));
        env.execute("cryptorun-notify");
        return 0;
    }

    public NotifySettings settings() throws Exception {
        String kafka = topics.bootstrap(spec.commandLine());
        List<Destination> dests = new ArrayList<>();
        try {
            for (String t : to) dests.add(Destination.parse(t));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (templates != null && !Files.isDirectory(templates)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--templates " + templates + " is not a directory");
        }
        PgSettings pgSettings = pg.resolve(System.getenv()).orElse(null);
        Duration dl;
        Duration rt;
        try {
            dl = Durations.parse(deadline);
            rt = Durations.parse(requestTimeout);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            return new NotifySettings(kafka, topics.alertsTopic, topics.exits(),
                    "none".equals(controlTopic) ? null : controlTopic, group, bounded, dests, Templates.load(templates),
                    pgSettings, secretsDir == null ? null : secretsDir.toAbsolutePath().toString(),
                    new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), dl), rt, dryRun);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
