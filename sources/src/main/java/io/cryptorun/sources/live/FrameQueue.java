package io.cryptorun.sources.live;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The hand-off between socket threads and the Flink task thread: a bounded queue of frames (a full
 * queue refuses, it never blocks a socket thread nor grows) plus a small queue of connection
 * events, with the availability future a FLIP-27 reader returns from {@code isAvailable()}.
 *
 * @param <F> frame type
 * @param <C> control event type
 */
final class FrameQueue<F, C> {
    private final ArrayBlockingQueue<F> frames;
    private final ConcurrentLinkedQueue<C> control = new ConcurrentLinkedQueue<>();
    private CompletableFuture<Void> available = new CompletableFuture<>(); // guarded by this

    FrameQueue(int capacity) {
        frames = new ArrayBlockingQueue<>(capacity);
    }

    /** False when full: the caller drops the frame and resyncs its connection. */
    boolean offer(F frame) {
        if (!frames.offer(frame)) return false;
        signal();
        return true;
    }

    void control(C event) {
        control.add(event);
        signal();
    }

    F pollFrame() {
        return frames.poll();
    }

    C pollControl() {
        return control.poll();
    }

    /** The frames queued (weakly consistent iteration; removal through it is safe). */
    java.util.Collection<F> frames() {
        return frames;
    }

    int depth() {
        return frames.size();
    }

    int capacity() {
        return frames.size() + frames.remainingCapacity();
    }

    void clear() {
        frames.clear();
    }

    /** Completed when there is something to poll (or after {@link #signal()}). */
    synchronized CompletableFuture<Void> availability() {
        if (available.isDone() && frames.isEmpty() && control.isEmpty()) {
            available = new CompletableFuture<>();
        }
        return available;
    }

    /** Wakes the task thread (new data, a timer, shutdown). */
    synchronized void signal() {
        available.complete(null);
    }
}
