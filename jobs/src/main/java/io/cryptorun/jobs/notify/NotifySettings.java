package io.cryptorun.jobs.notify;

import io.cryptorun.jobs.db.PgSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Everything the notifier job needs, shipped with the job graph — and therefore holding no
 * webhook URL or bot token (those are read on the task manager, {@link Destination#secret}).
 *
 * @param kafka          bootstrap servers
 * @param alertsTopic    {@code cryptorun.alerts}
 * @param exitsTopic     {@code cryptorun.exits} (null: alerts only)
 * @param controlTopic   {@code cryptorun.control} (null: no mutes)
 * @param groupId        consumer group whose offsets the job commits on checkpoints (a new process resumes there)
 * @param bounded        stop at the topics' current end (a catch-up run) instead of following them
 * @param destinations   where alerts go
 * @param templates      the loaded templates
 * @param pg             the ledger's database (null only with {@code dryRun})
 * @param secretsDir     directory of mounted secret files on the task managers (null: environment only)
 * @param retry          backoff and deadline
 * @param requestTimeout one HTTP request
 * @param dryRun         render to the log/console instead of sending
 */
public record NotifySettings(String kafka, String alertsTopic, String exitsTopic, String controlTopic, String groupId,
        boolean bounded, List<Destination> destinations, Templates templates, PgSettings pg, String secretsDir,
        RetryPolicy retry, Duration requestTimeout, boolean dryRun) implements Serializable {

    public NotifySettings {
        destinations = List.copyOf(destinations);
        if (destinations.isEmpty()) throw new IllegalArgumentException("no destination: give at least one --to slack:NAME or telegram:NAME:CHAT_ID");
        if (pg == null && !dryRun) throw new IllegalArgumentException("the delivery ledger needs PostgreSQL: --pg-dsn DSN (or env PG_DSN), or use --dry-run");
        if (destinations.stream().map(Destination::id).distinct().count() != destinations.size()) {
            throw new IllegalArgumentException("destination names must be unique per kind");
        }
    }
}
