package io.cryptorun.sources.live;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the live WebSocket source: which symbols per venue, endpoints (public by
 * default, overridable through the environment — {@code KRAKEN_WS_URL}, {@code COINBASE_WS_URL},
 * {@code BITSTAMP_WS_URL}, {@code BITSTAMP_API_BASE}, {@code GEMINI_WS_URL}, SPEC §11), and the
 * resilience limits. Immutable; copy with the {@code with…} methods.
 *
 * @param symbols               canonical symbols per venue, in subscription order
 * @param urls                  WebSocket endpoint per venue
 * @param bitstampApiBase       REST base for Bitstamp book snapshots
 * @param symbolsPerConnection  connection shard size; 0 = the venue's default
 * @param queueCapacity         frames held between the sockets and Flink; beyond it frames are dropped and the
 *                              connection resynced (memory ≤ capacity × maxFrameBytes)
 * @param maxFrameBytes         larger frames are quarantined ({@code frame_too_large}), not parsed
 * @param idleTimeoutMillis     silence after which a connection counts as stalled and is replaced
 * @param pingIntervalMillis    WebSocket protocol pings (keeps NATs open, detects dead TCP)
 * @param backoffBaseMillis     first reconnect delay ceiling (full jitter below it)
 * @param backoffMaxMillis      reconnect delay ceiling cap
 * @param subscribeBurst        subscribe batches that may go out at once, per venue
 * @param subscribePerSecond    subscribe batches per second after the burst, per venue
 * @param breaker               circuit breaker thresholds (per venue)
 * @param jitterSeed            seed of the reconnect jitter; {@code null} = random (tests pin it)
 * @param darkAfterAttempts     resubscribes in a row that one symbol may cause without ever getting a valid book
 *                              (subscription refused, snapshot missing or unusable, venue error naming it) before it
 *                              is reported dark and no longer subscribed ({@link #DEFAULT_DARK_AFTER_ATTEMPTS})
 * @param resubscribeTimeoutMillis how long a per-symbol resubscribe (or, after a Coinbase refusal, a product of the
 *                              connection still without a book) may go without a valid book before the attempt counts
 *                              as a failure towards {@code darkAfterAttempts} and the next resubscribe follows with the
 *                              symbol's backoff ({@link #DEFAULT_RESUBSCRIBE_TIMEOUT_MILLIS}, env {@value #RESUBSCRIBE_TIMEOUT_ENV})
 * @param bitstampRestCheckMillis  interval of the periodic Bitstamp REST order-book comparison per pair; 0 disables it
 *                              ({@link #DEFAULT_BITSTAMP_REST_CHECK_MILLIS}, env {@value #BITSTAMP_REST_CHECK_ENV})
 */
public record LiveSourceConfig(
        Map<Venue, List<String>> symbols,
        Map<Venue, String> urls,
        String bitstampApiBase,
        int symbolsPerConnection,
        int queueCapacity,
        int maxFrameBytes,
        long idleTimeoutMillis,
        long pingIntervalMillis,
        long backoffBaseMillis,
        long backoffMaxMillis,
        int subscribeBurst,
        double subscribePerSecond,
        CircuitBreaker.Config breaker,
        Long jitterSeed,
        int darkAfterAttempts,
        long resubscribeTimeoutMillis,
        long bitstampRestCheckMillis) implements Serializable {

    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
    /** Default of {@code darkAfterAttempts}. */
    public static final int DEFAULT_DARK_AFTER_ATTEMPTS = 5;
    /** Environment override of {@code darkAfterAttempts} (a whole number ≥ 1). */
    public static final String DARK_AFTER_ENV = "CRYPTORUN_LIVE_DARK_AFTER";
    /** Default of {@code resubscribeTimeoutMillis}: 10 s. */
    public static final long DEFAULT_RESUBSCRIBE_TIMEOUT_MILLIS = 10_000;
    /** Environment override of {@code resubscribeTimeoutMillis}, in milliseconds (a whole number ≥ 1). */
    public static final String RESUBSCRIBE_TIMEOUT_ENV = "CRYPTORUN_LIVE_RESUBSCRIBE_TIMEOUT_MS";
    /** Default of {@code bitstampRestCheckMillis}: 60 s. */
    public static final long DEFAULT_BITSTAMP_REST_CHECK_MILLIS = 60_000;
    /** Environment override of {@code bitstampRestCheckMillis}, in milliseconds (a whole number ≥ 0; 0 disables). */
    public static final String BITSTAMP_REST_CHECK_ENV = "CRYPTORUN_LIVE_BITSTAMP_REST_CHECK_MS";

    public LiveSourceConfig {
        // EnumMap's copy constructor refuses an empty map that is not an EnumMap: hence the guards
        symbols = Collections.unmodifiableMap(new EnumMap<>(symbols.isEmpty() ? new EnumMap<>(Venue.class) : symbols));
        urls = Collections.unmodifiableMap(new EnumMap<>(urls.isEmpty() ? new EnumMap<>(Venue.class) : urls));
        symbols.values().forEach(l -> l.forEach(Venue::checkCanonical));
        if (queueCapacity < 1 || maxFrameBytes < 1 || idleTimeoutMillis < 1 || symbolsPerConnection < 0 || darkAfterAttempts < 1
                || resubscribeTimeoutMillis < 1 || bitstampRestCheckMillis < 0) {
            throw new IllegalArgumentException("invalid live source limits");
        }
    }

    /** Defaults for {@code symbols}, endpoints from {@code env} (pass {@code System.getenv()}). */
    public static LiveSourceConfig of(Map<Venue, List<String>> symbols, Map<String, String> env) {
        Map<Venue, String> urls = new EnumMap<>(Venue.class);
        for (Venue v : Venue.values()) urls.put(v, v.url(env));
        return new LiveSourceConfig(symbols, urls, Venue.bitstampApiBase(env), 0, DEFAULT_QUEUE_CAPACITY,
                DEFAULT_MAX_FRAME_BYTES, 15_000, 10_000, 500, 60_000, 5, 1.0, CircuitBreaker.Config.DEFAULT, null,
                darkAfterAttempts(env.get(DARK_AFTER_ENV)),
                millis(RESUBSCRIBE_TIMEOUT_ENV, env.get(RESUBSCRIBE_TIMEOUT_ENV), DEFAULT_RESUBSCRIBE_TIMEOUT_MILLIS, 1),
                millis(BITSTAMP_REST_CHECK_ENV, env.get(BITSTAMP_REST_CHECK_ENV), DEFAULT_BITSTAMP_REST_CHECK_MILLIS, 0));
    }

    /** A millisecond setting from the environment: {@code dflt} when unset or blank, else a whole number ≥ {@code min}. */
    static long millis(String name, String value, long dflt, long min) {
        if (value == null || value.isBlank()) return dflt;
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number of milliseconds of at least " + min + ", not '"
                + value + "'");
    }

    /** {@value #DARK_AFTER_ENV} as a limit: the default when unset or blank. */
    static int darkAfterAttempts(String value) {
        if (value == null || value.isBlank()) return DEFAULT_DARK_AFTER_ATTEMPTS;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(DARK_AFTER_ENV + " must be a whole number of at least 1, not '" + value + "'");
    }

    public String url(Venue v) {
        String u = urls.get(v);
        return u == null ? v.defaultUrl() : u;
    }

    /** The connection shards: per venue (enum order), its symbols in batches of the shard size. */
    public List<LiveSplit> splits() {
        List<LiveSplit> out = new ArrayList<>();
        for (Venue v : Venue.values()) {
            List<String> syms = symbols.get(v);
            if (syms == null || syms.isEmpty()) continue;
            int per = symbolsPerConnection > 0 ? symbolsPerConnection : v.symbolsPerConnection();
            for (int i = 0, n = 0; i < syms.size(); i += per, n++) {
                List<String> shard = syms.subList(i, Math.min(syms.size(), i + per));
                out.add(new LiveSplit(v.id() + "-" + n, v, shard.toArray(String[]::new), 0));
            }
        }
        return out;
    }

    public LiveSourceConfig withLimits(int queueCapacity, long idleTimeoutMillis, long backoffBaseMillis, long backoffMaxMillis) {
        return new LiveSourceConfig(symbols, urls, bitstampApiBase, symbolsPerConnection, queueCapacity, maxFrameBytes,
                idleTimeoutMillis, pingIntervalMillis, backoffBaseMillis, backoffMaxMillis, subscribeBurst, subscribePerSecond,
                breaker, jitterSeed, darkAfterAttempts, resubscribeTimeoutMillis, bitstampRestCheckMillis);
    }

    public LiveSourceConfig withJitterSeed(long seed) {
        return new LiveSourceConfig(symbols, urls, bitstampApiBase, symbolsPerConnection, queueCapacity, maxFrameBytes,
                idleTimeoutMillis, pingIntervalMillis, backoffBaseMillis, backoffMaxMillis, subscribeBurst, subscribePerSecond,
                breaker, seed, darkAfterAttempts, resubscribeTimeoutMillis, bitstampRestCheckMillis);
    }

    public LiveSourceConfig withBreaker(CircuitBreaker.Config b) {
        return new LiveSourceConfig(symbols, urls, bitstampApiBase, symbolsPerConnection, queueCapacity, maxFrameBytes,
                idleTimeoutMillis, pingIntervalMillis, backoffBaseMillis, backoffMaxMillis, subscribeBurst, subscribePerSecond,
                b, jitterSeed, darkAfterAttempts, resubscribeTimeoutMillis, bitstampRestCheckMillis);
    }

    public LiveSourceConfig withMaxFrameBytes(int max) {
        return new LiveSourceConfig(symbols, urls, bitstampApiBase, symbolsPerConnection, queueCapacity, max,
                idleTimeoutMillis, pingIntervalMillis, backoffBaseMillis, backoffMaxMillis, subscribeBurst, subscribePerSecond,
                breaker, jitterSeed, darkAfterAttempts, resubscribeTimeoutMillis, bitstampRestCheckMillis);
    }

    /** A symbol is reported dark after {@code attempts} resubscribes in a row it caused without a valid book. */
    public LiveSourceConfig withDarkAfterAttempts(int attempts) {
        return new LiveSourceConfig(symbols, urls, bitstampApiBase, symbolsPerConnection, queueCapacity, maxFrameBytes,
                idleTimeoutMillis, pingIntervalMillis, backoffBaseMillis, backoffMaxMillis, subscribeBurst, subscribePerSecond,
                breaker, jitterSeed, attempts, resubscribeTimeoutMillis, bitstampRestCheckMillis);
    }

    /** A per-symbol resubscribe without a valid book within {@code millis} counts as a failed attempt. */
    public LiveSourceConfig withResubscribeTimeoutMillis(long millis) {
        return new LiveSourceConfig(symbols, urls, bitstampApiBase, symbolsPerConnection, queueCapacity, maxFrameBytes,
                idleTimeoutMillis, pingIntervalMillis, backoffBaseMillis, backoffMaxMillis, subscribeBurst, subscribePerSecond,
                breaker, jitterSeed, darkAfterAttempts, millis, bitstampRestCheckMillis);
    }

    /** Bitstamp's REST order book is compared with the live book of each pair every {@code millis} (0: never). */
    public LiveSourceConfig withBitstampRestCheckMillis(long millis) {
        return new LiveSourceConfig(symbols, urls, bitstampApiBase, symbolsPerConnection, queueCapacity, maxFrameBytes,
                idleTimeoutMillis, pingIntervalMillis, backoffBaseMillis, backoffMaxMillis, subscribeBurst, subscribePerSecond,
                breaker, jitterSeed, darkAfterAttempts, resubscribeTimeoutMillis, millis);
    }
}
