package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.cli.NotifyCommand;
import picocli.CommandLine;

/**
 * Entry class of the notifier in the job jar for a session cluster:
 * {@code flink run -c io.cryptorun.jobs.cli.NotifyMain jobs/target/cryptorun-jobs.jar --to slack:desk --kafka … --pg-dsn …}.
 * The arguments are those of {@code cryptorun notify}; they hold no secret (the task managers read
 * the webhook URLs / bot tokens from their environment or {@code --secrets-dir}).
 */
public final class NotifyMain {
    private NotifyMain() {}

    public static void main(String[] args) {
        int rc = new CommandLine(new NotifyCommand()).execute(args);
        if (rc != 0) throw new IllegalStateException("cryptorun notify exited with " + rc);
    }
}
