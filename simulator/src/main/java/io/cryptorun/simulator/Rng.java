package io.cryptorun.simulator;

import java.util.SplittableRandom;

/**
 * A seeded random stream with the few distributions the simulator needs.
 *
 * <p>Every stream is keyed by explicit parts (seed, a purpose tag, a symbol hash, an absolute hour
 * ...) rather than drawn in sequence from one master generator, so that a quantity depends only on
 * what it is about: BTC's shocks in a given hour do not change when the universe, the history length
 * or the run length changes. Transcendental functions go through {@link StrictMath}, whose results
 * are specified bit for bit, so the same seed gives the same numbers on any JVM.
 */
final class Rng {
    // purpose tags: arbitrary distinct constants
    static final long REGIME = 0x5245_4749_4D45L;
    static final long MARKET = 0x4D41_524BL;
    static final long IDIO = 0x4944_494FL;
    static final long SEGMENT = 0x5345_474DL;
    static final long SETUP = 0x5345_5455L;
    static final long FEATURED = 0x4645_4154L;
    static final long HISTORY = 0x4849_5354L;
    static final long BOOK = 0x424F_4F4BL;
    static final long FEED = 0x4645_4544L;
    static final long LATENCY = 0x4C41_5445L;
    static final long CONN = 0x434F_4E4EL;

    private final SplittableRandom random;
    private boolean hasSpare;
    private double spare;

    private Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static Rng of(long... parts) {
        return new Rng(mix(parts));
    }

    /** Folds the parts through the SplitMix64 finalizer: nearby keys give unrelated streams. */
    static long mix(long... parts) {
        long h = 0x9E37_79B9_7F4A_7C15L;
        for (long p : parts) {
            h = splitmix(h ^ splitmix(p + 0x632B_E59B_D9B4_E019L));
        }
        return h;
    }

    private static long splitmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the characters: a stable 64-bit key for a symbol name. */
    static long hash(String s) {
        long h = 0xCBF2_9CE4_8422_2325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x0000_0100_0000_01B3L;
        }
        return h;
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform in [lo, hi] (inclusive). */
    long uniformLong(long lo, long hi) {
        return lo + random.nextLong(hi - lo + 1);
    }

    long nextLong() {
        return random.nextLong();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Standard normal by Marsaglia's polar method (only StrictMath, so reproducible everywhere). */
    double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }

    /** Log-normal with median 1 and the given log standard deviation, times {@code scale}. */
    double lognormal(double scale, double sigma) {
        return scale * StrictMath.exp(sigma * gaussian());
    }

    /** Poisson count; Knuth's product method for small means, a rounded normal above 40. */
    int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 40) {
            long n = Math.round(lambda + StrictMath.sqrt(lambda) * gaussian());
            return (int) Math.max(0, n);
        }
        double limit = StrictMath.exp(-lambda);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }
}
