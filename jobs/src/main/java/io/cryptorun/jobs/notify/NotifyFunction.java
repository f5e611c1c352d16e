package io.cryptorun.jobs.notify;

import io.cryptorun.jobs.db.DbMigrations;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * The notifier's async operator: hands each (notice, destination) to that destination's
 * {@link DestinationWorker} and completes when the worker is done. Why async I/O with one worker
 * thread per destination (and not one thread per request): Flink's async operator keeps the
 * in-flight notices in its checkpoints (a restart re-issues them, and the ledger makes that
 * harmless), the operator never blocks on HTTP, a slow destination only fills its own queue, and
 * one thread per destination gives per-destination order and a single token bucket to respect.
 * Metrics per destination (group {@code destination}, label value = the destination id, never a
 * secret; Prometheus: {@code flink_taskmanager_job_task_operator_destination_notifySent} etc.):
 * {@code notifySent}, {@code notifyRetried}, {@code notifyDeadLettered}, {@code notifyMuted},
 * {@code notifyLatencyMs} (histogram of send latency including retries and waits).
 */
public final class NotifyFunction extends RichAsyncFunction<Notice, Delivered> {
    private static final long serialVersionUID = 1L;
    private final NotifySettings settings;
    private transient Map<String, DestinationWorker> workers;
    private transient ControlWatcher controls;
    private transient List<Ledger> ledgers;

    public NotifyFunction(NotifySettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        if (settings.pg() != null && !settings.dryRun()) {
            DbMigrations.migrate(settings.pg(), java.time.Instant.now());
        }
        controls = settings.controlTopic() == null ? null : new ControlWatcher(settings.kafka(), settings.controlTopic());
        Map<String, String> env = System.getenv();
        Path secrets = settings.secretsDir() == null ? null : Path.of(settings.secretsDir());
        HttpSender http = new HttpSender(java.time.Duration.ofSeconds(10), settings.requestTimeout());
        String telegramBase = HttpSender.telegramBase(env);
        workers = new LinkedHashMap<>();
        ledgers = new java.util.ArrayList<>();
        for (Destination d : settings.destinations()) {
            String url = settings.dryRun() ? null : HttpSender.url(d, d.secret(env, secrets), telegramBase);
            Ledger ledger = settings.dryRun() ? null : new Ledger(settings.pg());
            if (ledger != null) ledgers.add(ledger);
            workers.put(d.id(), new DestinationWorker(d, url, settings.templates(), http, ledger, controls, settings.retry(),
                    metrics(getRuntimeContext().getMetricGroup().addGroup(GROUP, d.id())), settings.dryRun()));
        }
    }

    static final String GROUP = "destination";
    static final List<String> METRICS = List.of("notifySent", "notifyRetried", "notifyDeadLettered", "notifyMuted", "notifyLatencyMs");

    static DestinationWorker.Metrics metrics(MetricGroup g) {
        Counter sent = g.counter("notifySent");
        Counter retried = g.counter("notifyRetried");
        Counter dead = g.counter("notifyDeadLettered");
        Counter muted = g.counter("notifyMuted");
        Histogram latency = g.histogram("notifyLatencyMs", new DescriptiveStatisticsHistogram(1000));
        return new DestinationWorker.Metrics() {
            @Override
            public void sent(long latencyMs) {
                sent.inc();
                latency.update(latencyMs);
            }

            @Override
            public void retried() {
                retried.inc();
            }

            @Override
            public void deadLettered() {
                dead.inc();
            }

            @Override
            public void muted() {
                muted.inc();
            }
        };
    }

    @Override
    public void asyncInvoke(Notice n, ResultFuture<Delivered> out) {
        DestinationWorker w = workers.get(n.destination);
        if (w == null) {
            out.completeExceptionally(new IllegalStateException("unknown destination " + n.destination));
            return;
        }
        w.submit(n).whenComplete((d, e) -> {
            if (e != null) out.completeExceptionally(e);
            else out.complete(Collections.singletonList(d));
        });
    }

    @Override
    public void close() throws Exception {
        if (workers != null) workers.values().forEach(DestinationWorker::close);
        if (controls != null) controls.close();
        if (ledgers != null) {
            for (Ledger l : ledgers) l.close();
        }
    }
}
