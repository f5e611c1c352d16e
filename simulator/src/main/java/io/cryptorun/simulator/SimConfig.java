package io.cryptorun.simulator;

import io.cryptorun.sources.time.Rfc3339;

/**
 * What a simulation run is: everything the output depends on. The output directory is not part of
 * it, so two runs with equal configs write byte-identical files wherever they write them.
 *
 * @param seed        master seed
 * @param symbols     number of pairs, the first {@code symbols} of {@link Universe#ALL}
 * @param hours       length of the frame period in hours
 * @param historyDays days of 1h bar history before the frame period (0 writes no history file)
 * @param startMicros first frame instant, epoch µs, on a whole UTC hour
 * @param scenario    the evaluation scenario (issue 14, {@link ScenarioPlan}): long 4h-aligned regimes in the
 *                    frame period, waves of planted setups up and down, exit tails, a market flush, spread
 *                    faults, social readings ({@code social.jsonl}) and quieter books; false = the plain market
 */
public record SimConfig(long seed, int symbols, int hours, int historyDays, long startMicros, boolean scenario) {
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_SYMBOLS = 24;
    public static final int DEFAULT_HOURS = 6;
    public static final int DEFAULT_HISTORY_DAYS = 14;
    public static final String DEFAULT_START = "2025-01-06T00:00:00Z";
    /** Longest run accepted; beyond a week the fixture would be far beyond any size budget. */
    public static final int MAX_HOURS = 24 * 7;
    /** The minute model holds ~40 bytes per symbol-minute; 90 days of 38 symbols stay near 200 MB. */
    public static final int MAX_HISTORY_DAYS = 90;

    public SimConfig(long seed, int symbols, int hours, int historyDays, long startMicros) {
        this(seed, symbols, hours, historyDays, startMicros, false);
    }

    public SimConfig {
        if (symbols < 1 || symbols > Universe.ALL.size()) {
            throw new IllegalArgumentException("--symbols must be between 1 and " + Universe.ALL.size() + ", got " + symbols);
        }
        if (hours < 1 || hours > MAX_HOURS) {
            throw new IllegalArgumentException("--hours must be between 1 and " + MAX_HOURS + ", got " + hours);
        }
        if (historyDays < 0 || historyDays > MAX_HISTORY_DAYS) {
            throw new IllegalArgumentException("--history-days must be between 0 and " + MAX_HISTORY_DAYS + ", got " + historyDays);
        }
        if (Math.floorMod(startMicros, Times.HOUR) != 0) {
            throw new IllegalArgumentException("--start must be on a whole UTC hour (history bars end exactly there), got "
                    + Times.micros(startMicros));
        }
    }

    public static SimConfig defaults() {
        return new SimConfig(DEFAULT_SEED, DEFAULT_SYMBOLS, DEFAULT_HOURS, DEFAULT_HISTORY_DAYS, parseStart(DEFAULT_START));
    }

    /** Parses an RFC 3339 start time; throws {@link IllegalArgumentException} with the offending text. */
    public static long parseStart(String text) {
        long micros = Rfc3339.parseMicros(text);
        if (micros == Rfc3339.INVALID) {
            throw new IllegalArgumentException("--start is not an RFC 3339 timestamp: '" + text + "'");
        }
        return micros;
    }

    public long endMicros() {
        return startMicros + hours * Times.HOUR;
    }

    public long historyStartMicros() {
        return startMicros - historyDays * Times.DAY;
    }

    /** The equivalent command line, recorded in the manifest as the generator (without {@code --out}). */
    public String commandLine() {
        return "cryptorun simulate --seed " + seed + " --symbols " + symbols + " --hours " + hours + " --history-days "
                + historyDays + " --start " + Times.seconds(startMicros) + (scenario ? " --scenario" : "");
    }
}
