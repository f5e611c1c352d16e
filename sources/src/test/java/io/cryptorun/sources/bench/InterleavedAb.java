package io.cryptorun.sources.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * A/B timing of two builds of the hot path in ONE JVM, interleaved, for a machine too noisy for
 * back-to-back JMH runs: each build's classes are loaded by their own class loader (with this
 * build's test classes, i.e. {@link AbWorkload} and the frame generators, in front), and the two
 * are timed in alternating slices (A B B A ...), so a load spike hits both alike. Rates are ops
 * per second of this thread's CPU time (time the thread spent descheduled by other processes does
 * not count; cache and memory-bus contention still do). Reports per build the median ops/s, the
 * median of the per-round B/A ratios, and the exact bytes allocated per op (thread allocation
 * counter: load-independent).
 *
 * <pre>java -cp test-classes:classes:deps io.cryptorun.sources.bench.InterleavedAb \
 *     CLASSES_A CLASSES_B VENUE MODE [ROUNDS] [SLICE_MS]</pre>
 * VENUE kraken|coinbase|bitstamp|gemini, MODE full|parse. Not a test: a tool for PERF.md figures.
 */
public final class InterleavedAb {
    private InterleavedAb() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: InterleavedAb CLASSES_A CLASSES_B VENUE full|parse [ROUNDS] [SLICE_MS]");
            System.exit(2);
        }
        String venue = args[2];
        String mode = args[3];
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        long sliceNanos = (args.length > 5 ? Long.parseLong(args[5]) : 500) * 1_000_000L;
        URL tests = InterleavedAb.class.getProtectionDomain().getCodeSource().getLocation();
        LongUnaryOperator[] w = new LongUnaryOperator[2];
        for (int v = 0; v < 2; v++) {
            URLClassLoader cl = new URLClassLoader("ab-" + v,
                    new URL[] {tests, new File(args[v]).toURI().toURL()}, InterleavedAb.class.getClassLoader().getParent());
            w[v] = (LongUnaryOperator) cl.loadClass(AbWorkload.class.getName())
                    .getMethod("create", String.class, String.class, int.class, int.class)
                    .invoke(null, venue, mode, 25, 100_000);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        // warm-up: both builds through C2
        for (int k = 0; k < Math.max(6, 3000_000_000L / sliceNanos); k++) {
            for (LongUnaryOperator x : w) slice(mx, x, sliceNanos);
        }
        List<double[]> rate = List.of(new double[rounds], new double[rounds]);
        double[] ratio = new double[rounds];
        long[] ops = new long[2];
        long[] bytes = new long[2];
        for (int r = 0; r < rounds; r++) {
            int first = r % 2; // A B, then B A
            for (int j = 0; j < 2; j++) {
                int v = j == 0 ? first : 1 - first;
                long b0 = mx.getThreadAllocatedBytes(tid);
                long[] res = slice(mx, w[v], sliceNanos);
                bytes[v] += mx.getThreadAllocatedBytes(tid) - b0;
                ops[v] += res[0];
                rate.get(v)[r] = res[0] * 1e9 / res[1];
            }
            ratio[r] = rate.get(1)[r] / rate.get(0)[r];
        }
        System.out.printf("%s %s: %d rounds x 2 slices of %d ms CPU time, load average %.2f%n", venue, mode, rounds,
                sliceNanos / 1_000_000, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int v = 0; v < 2; v++) {
            System.out.printf("  %s %-40s median %,12.0f ops/s   %6.1f B/op%n", v == 0 ? "A" : "B", args[v],
                    median(rate.get(v)), (double) bytes[v] / ops[v]);
        }
        System.out.printf("  B/A median ratio %.3f (per-round ratios: min %.3f, max %.3f)%n", median(ratio),
                Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0));
    }

    /** Runs batches of 200 ops until the slice's CPU time is used; returns {ops, CPU nanos}. */
    private static long[] slice(com.sun.management.ThreadMXBean mx, LongUnaryOperator w, long nanos) {
        long t0 = mx.getCurrentThreadCpuTime();
        long n = 0;
        long sink = 0;
        long t;
        do {
            sink += w.applyAsLong(200);
            n += 200;
            t = mx.getCurrentThreadCpuTime();
        } while (t - t0 < nanos);
        if (sink == 42) System.out.print(""); // keep the result alive
        return new long[] {n, t - t0};
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
