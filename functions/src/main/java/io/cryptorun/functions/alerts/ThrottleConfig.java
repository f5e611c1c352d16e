package io.cryptorun.functions.alerts;

/**
 * SPEC §9 throttle limits; {@link #defaults()} is the SPEC. Times in epoch microseconds.
 *
 * @param hourMicros          rolling "hour" window
 * @param dayMicros           rolling "day" window
 * @param maxPerHour          alerts per user/channel per rolling hour (3)
 * @param maxPerHourHighVol   the same while the regime is {@code highVolRegime} (6)
 * @param maxPerDay           alerts per user/channel per rolling day (10), whatever the regime
 * @param cooldownMicros      per-symbol cooldown (4 h)
 * @param cooldownScoreRise   a score at least this much above the symbol's last alerted score breaks the cooldown (5)
 * @param highVolRegime       regime name that raises the hourly limit
 */
public record ThrottleConfig(long hourMicros, long dayMicros, int maxPerHour, int maxPerHourHighVol, int maxPerDay,
        long cooldownMicros, double cooldownScoreRise, String highVolRegime) implements java.io.Serializable {
    public static final long HOUR = 3_600_000_000L;

    public ThrottleConfig {
        if (hourMicros <= 0 || dayMicros < hourMicros || cooldownMicros < 0) {
            throw new IllegalArgumentException("windows must be positive, day ≥ hour");
        }
        if (maxPerHour < 0 || maxPerHourHighVol < 0 || maxPerDay < 0) {
            throw new IllegalArgumentException("limits must be ≥ 0");
        }
    }

    public static ThrottleConfig defaults() {
        return new ThrottleConfig(HOUR, 24 * HOUR, 3, 6, 10, 4 * HOUR, 5.0, "HIGH_VOL");
    }
}
