package io.cryptorun.jobs.notify;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the notices of one destination, one at a time and in arrival order, on its own thread
 * (so a slow or failing endpoint holds up only itself). For each notice: ledger check (recorded →
 * {@code already}, nothing sent), mute check, render, token bucket, POST, then by outcome: sent →
 * ledger; 429 → wait retry-after and repeat; transient → jittered backoff and repeat until the
 * deadline; permanent or deadline → dead letter. Because a worker has at most one message between
 * POST and ledger write, a crash repeats at most one message per destination.
 */
public final class DestinationWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationWorker.class);

    /** What the worker reports (Flink metrics in the job, counters in tests). */
    public interface Metrics {
        void sent(long latencyMs);

        void retried();

        void deadLettered();

        void muted();
    }

    private final Destination dest;
    private final String url;
    private final Templates templates;
    private final HttpSender http;
    private final Ledger ledger;
    private final ControlWatcher controls;
    private final RetryPolicy retry;
    private final Metrics metrics;
    private final boolean dryRun;
    private final LongSupplier clock;
    private final TokenBucket bucket;
    private final ExecutorService thread;

    /** {@code url} holds the secret: it is used for the POST and nowhere else. {@code ledger}/{@code controls} may be null. */
    public DestinationWorker(Destination dest, String url, Templates templates, HttpSender http, Ledger ledger,
            ControlWatcher controls, RetryPolicy retry, Metrics metrics, boolean dryRun) {
        this.dest = dest;
        this.url = url;
        this.templates = templates;
        this.http = http;
        this.ledger = ledger;
        this.controls = controls;
        this.retry = retry;
        this.metrics = metrics;
        this.dryRun = dryRun;
        this.clock = System::nanoTime;
        this.bucket = new TokenBucket(dest.burst(), dest.perSecond(), clock.getAsLong());
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "notify-" + dest.id());
            t.setDaemon(true);
            return t;
        });
    }

    public Destination destination() {
        return dest;
    }

    public CompletableFuture<Delivered> submit(Notice n) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return deliver(n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("delivery of " + n.id + " to " + dest.id() + " interrupted");
            } catch (Exception e) {
                throw new IllegalStateException("delivery of " + n.id + " to " + dest.id() + " failed: " + e.getMessage());
            }
        }, thread);
    }

    Delivered deliver(Notice n) throws Exception {
        if (!dryRun && ledger != null) {
            String done = ledger.status(n.id, n.destination);
            if (done != null) {
                LOG.info("{} -> {}: already {} (ledger), not sent again", n.id, dest.id(), done);
                return new Delivered("already", dest.id(), n.id, 0, 0);
            }
        }
        String why = controls == null ? null : controls.muted(n);
        if (why != null) {
            if (!dryRun && ledger != null) ledger.record(n, Ledger.MUTED, 0, null);
            metrics.muted();
            LOG.info("{} -> {}: {}, not sent", n.id, dest.id(), why);
            return new Delivered(Ledger.MUTED, dest.id(), n.id, 0, 0);
        }
        String body = HttpSender.body(dest, templates.render(dest.kind(), n));
        if (dryRun) {
            LOG.info("dry run {} -> {}:\n{}", n.id, dest.id(), body);
            System.out.println("[dry-run] " + n.id + " -> " + dest.id() + "\n" + body);
            return new Delivered("dry_run", dest.id(), n.id, 0, 0);
        }
        long start = clock.getAsLong();
        long deadline = start + retry.deadline().toNanos();
        int attempts = 0;
        int transientRetries = 0;
        while (true) {
            long wait = bucket.reserve(clock.getAsLong());
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            attempts++;
            Outcome o = http.post(dest, url, body);
            switch (o.kind()) {
                case SENT -> {
                    long latency = TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - start);
                    ledger.record(n, Ledger.SENT, attempts, latency);
                    metrics.sent(latency);
                    LOG.info("{} -> {}: sent ({} attempt(s), {} ms)", n.id, dest.id(), attempts, latency);
                    return new Delivered(Ledger.SENT, dest.id(), n.id, attempts, latency);
                }
                case PERMANENT -> {
                    return deadLetter(n, o, attempts, body);
                }
                case RATE_LIMITED -> {
                    long until = clock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(o.retryAfterMs());
                    if (until > deadline) return deadLetter(n, o, attempts, body);
                    bucket.pauseUntil(until);
                    metrics.retried();
                    LOG.warn("{} -> {}: 429, retrying after {} ms", n.id, dest.id(), o.retryAfterMs());
                }
                case TRANSIENT -> {
                    long backoff = retry.backoffMs(++transientRetries, ThreadLocalRandom.current().nextDouble());
                    if (clock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(backoff) > deadline) return deadLetter(n, o, attempts, body);
                    metrics.retried();
                    LOG.warn("{} -> {}: {} {}, retry {} in {} ms", n.id, dest.id(), o.httpStatus(), o.detail(), transientRetries, backoff);
                    TimeUnit.MILLISECONDS.sleep(backoff);
                }
                default -> throw new IllegalStateException("unhandled outcome " + o.kind());
            }
        }
    }

    private Delivered deadLetter(Notice n, Outcome o, int attempts, String body) throws Exception {
        String error = (o.kind() == Outcome.Kind.PERMANENT ? "permanent" : "deadline exceeded after " + o.kind().name().toLowerCase())
                + ": " + (o.httpStatus() > 0 ? o.httpStatus() + " " : "") + o.detail();
        ledger.deadLetter(n, o.httpStatus(), error, attempts, body);
        metrics.deadLettered();
        LOG.error("{} -> {}: dead letter ({})", n.id, dest.id(), error);
        return new Delivered(Ledger.DEAD_LETTER, dest.id(), n.id, attempts, 0);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
