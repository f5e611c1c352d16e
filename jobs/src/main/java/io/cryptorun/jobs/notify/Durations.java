package io.cryptorun.jobs.notify;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human durations of the command line: {@code 90s}, {@code 30m}, {@code 4h}, {@code 2d}, or ISO-8601 ({@code PT4H}). */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)([smhd])");

    private Durations() {}

    public static Duration parse(String s) {
        Matcher m = SHORT.matcher(s == null ? "" : s.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + s + "' (e.g. 90s, 30m, 4h, 2d)");
        }
    }
}
