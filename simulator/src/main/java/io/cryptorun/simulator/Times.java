package io.cryptorun.simulator;

/**
 * RFC 3339 rendering of epoch microseconds without {@code String.format} or time-zone machinery:
 * the simulator formats a timestamp for almost every frame, and the text must be the same on every
 * machine. UTC only.
 */
final class Times {
    static final long SECOND = 1_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    private Times() {}

    /** {@code 2025-01-06T00:00:00.123456Z}, the form Kraken v2 sends. */
    static void appendMicros(StringBuilder sb, long micros) {
        appendSeconds(sb, Math.floorDiv(micros, SECOND));
        sb.append('.');
        pad(sb, Math.floorMod(micros, SECOND), 6);
        sb.append('Z');
    }

    static String micros(long micros) {
        StringBuilder sb = new StringBuilder(27);
        appendMicros(sb, micros);
        return sb.toString();
    }

    /** {@code 2025-01-06T00:00:00Z}; the value must be a whole second. */
    static String seconds(long micros) {
        if (Math.floorMod(micros, SECOND) != 0) {
            throw new IllegalArgumentException("not a whole second: " + micros);
        }
        StringBuilder sb = new StringBuilder(20);
        appendSeconds(sb, Math.floorDiv(micros, SECOND));
        sb.append('Z');
        return sb.toString();
    }

    private static void appendSeconds(StringBuilder sb, long epochSeconds) {
        long days = Math.floorDiv(epochSeconds, 86_400L);
        long secOfDay = Math.floorMod(epochSeconds, 86_400L);
        // civil_from_days (H. Hinnant), the inverse of Rfc3339.daysFromCivil
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) y++;
        pad(sb, y, 4);
        sb.append('-');
        pad(sb, m, 2);
        sb.append('-');
        pad(sb, d, 2);
        sb.append('T');
        pad(sb, secOfDay / 3600, 2);
        sb.append(':');
        pad(sb, secOfDay / 60 % 60, 2);
        sb.append(':');
        pad(sb, secOfDay % 60, 2);
    }

    private static void pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) sb.append('0');
        sb.append(s);
    }
}
