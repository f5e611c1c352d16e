package io.cryptorun.jobs.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A replay job while it runs: its progress sampled once a second, and Ctrl-C (SIGINT) or SIGTERM
 * turned into a clean cancel of the job (instead of the JVM exiting under it), so that the caller can clean up
 * and say what happened. Closing it restores the previous handlers.
 */
final class RunningReplay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningReplay.class);
    /** Ctrl-C, and {@code kill} / {@code timeout}: both stop the replay the same clean way. */
    private static final List<Signal> STOP_SIGNALS = List.of(new Signal("INT"), new Signal("TERM"));

    private final JobClient client;
    private final ReplayProgress progress;
    private final long totalFrames;
    private final long started;
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final Thread sampler;
    private volatile boolean closed;
    private final Map<Signal, SignalHandler> previous = new HashMap<>();

    private RunningReplay(JobClient client, ReplayProgress progress, long totalFrames, long started) {
        this.client = client;
        this.progress = progress;
        this.totalFrames = totalFrames;
        this.started = started;
        this.sampler = new Thread(this::sample, "cryptorun-progress");
        sampler.setDaemon(true);
    }

    static RunningReplay watch(JobClient client, ReplayProgress progress, long totalFrames, long startedNanos) {
        RunningReplay r = new RunningReplay(client, progress, totalFrames, startedNanos);
        for (Signal s : STOP_SIGNALS) {
            try {
                r.previous.put(s, Signal.handle(s, sig -> r.interrupt(sig.getName())));
            } catch (IllegalArgumentException e) { // not here (the JVM runs with -Xrs, or the signal is ignored)
                LOG.debug("cannot handle SIG{}: {}", s.getName(), e.toString());
            }
        }
        if (progress != ReplayProgress.NONE) r.sampler.start();
        return r;
    }

    /** Whether the job ended because the user pressed Ctrl-C. */
    boolean interrupted() {
        return interrupted.get();
    }

    private void interrupt(String signal) {
        if (interrupted.getAndSet(true)) return;
        System.err.println(System.lineSeparator() + "cryptorun: " + (signal.equals("INT") ? "Ctrl-C" : "SIG" + signal)
                + ": stopping the replay…");
        client.cancel();
    }

    private void sample() {
        while (!closed) {
            try {
                progress.update(ReplayProgress.Snapshot.of(client.getAccumulators().get(5, TimeUnit.SECONDS), totalFrames,
                        System.nanoTime() - started));
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) { // the job is just starting or ending: no counts this time
                LOG.debug("progress: {}", e.toString());
            }
            try {
                Thread.sleep(ReplayRunner.PROGRESS_INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        sampler.interrupt();
        if (sampler.isAlive()) sampler.join(2000);
        progress.done();
        previous.forEach(Signal::handle);
    }
}
