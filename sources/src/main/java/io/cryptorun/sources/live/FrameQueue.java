package io.cryptorun.sources.live;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The hand-off between socket threads and the Flink task thread: a queue of frames bounded by count
 * and by bytes (a full queue refuses, it never blocks a socket thread nor grows: 10,000 frames of
 * 1 MiB would not fit in a task manager's heap) plus a small queue of connection
 * events, with the availability future a FLIP-27 reader returns from {@code isAvailable()}.
 *
 * @param <F> frame type
 * @param <C> control event type
 */
final class FrameQueue<F, C> {
    private final ArrayBlockingQueue<F> frames;
    private final long maxBytes;
    private final java.util.function.ToLongFunction<F> weigher;
    private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
    private final ConcurrentLinkedQueue<C> control = new ConcurrentLinkedQueue<>();
    private CompletableFuture<Void> available = new CompletableFuture<>(); // guarded by this

    /** Bounded by count only. */
    FrameQueue(int capacity) {
        this(capacity, Long.MAX_VALUE, f -> 0);
    }

    /**
     * @param maxBytes most bytes held (by {@code weigher}); a frame that would pass it is refused
     *                 unless the queue is empty (one frame always fits: frames are bounded on their own)
     */
    FrameQueue(int capacity, long maxBytes, java.util.function.ToLongFunction<F> weigher) {
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        frames = new ArrayBlockingQueue<>(capacity);
        this.maxBytes = maxBytes;
        this.weigher = weigher;
    }

    /** False when full (frames or bytes): the caller drops the frame and resyncs its connection. */
    boolean offer(F frame) {
        long w = weigher.applyAsLong(frame);
        long after = bytes.addAndGet(w);
        if (after > maxBytes && after != w) {
            bytes.addAndGet(-w);
            return false;
        }
        if (!frames.offer(frame)) {
            bytes.addAndGet(-w);
            return false;
        }
        signal();
        return true;
    }

    /** Bytes held now (by the weigher). */
    long bytes() {
        return bytes.get();
    }

    long maxBytes() {
        return maxBytes;
    }

    void control(C event) {
        control.add(event);
        signal();
    }

    F pollFrame() {
        F f = frames.poll();
        if (f != null) bytes.addAndGet(-weigher.applyAsLong(f));
        return f;
    }

    /** Removes a frame found by iterating {@link #frames()}; true when it was still queued. */
    boolean remove(F frame) {
        if (!frames.remove(frame)) return false;
        bytes.addAndGet(-weigher.applyAsLong(frame));
        return true;
    }

    C pollControl() {
        return control.poll();
    }

    /** The frames queued (weakly consistent iteration; remove through {@link #remove}). */
    java.util.Collection<F> frames() {
        return java.util.Collections.unmodifiableCollection(frames);
    }

    int depth() {
        return frames.size();
    }

    int capacity() {
        return frames.size() + frames.remainingCapacity();
    }

    void clear() {
        F f;
        while ((f = frames.poll()) != null) bytes.addAndGet(-weigher.applyAsLong(f));
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
