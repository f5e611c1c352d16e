package io.cryptorun.sources.time;

/**
 * Allocation-free parser for the RFC 3339 timestamps venues send, e.g.
 * {@code 2023-10-06T17:35:55.440295Z} or {@code 2023-10-06T17:35:55+02:00}, to epoch microseconds.
 * Fractions beyond microseconds are truncated (venues send at most µs; ns would be floor'ed).
 */
public final class Rfc3339 {
    /** Returned for text that is not a valid timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private Rfc3339() {}

    /** Convenience for cold paths; the parser hot path passes the JSON cursor's text buffer directly. */
    public static long parseMicros(CharSequence text) {
        char[] buf = new char[text.length()];
        for (int i = 0; i < buf.length; i++) buf[i] = text.charAt(i);
        return parseMicros(buf, 0, buf.length);
    }

    public static long parseMicros(char[] b, int off, int n) {
        if (n < 20 || b[off + 4] != '-' || b[off + 7] != '-' || (b[off + 10] != 'T' && b[off + 10] != 't' && b[off + 10] != ' ')
                || b[off + 13] != ':' || b[off + 16] != ':') {
            return INVALID;
        }
        int year = digits(b, off + 0, 4);
        int month = digits(b, off + 5, 2);
        int day = digits(b, off + 8, 2);
        int hour = digits(b, off + 11, 2);
        int minute = digits(b, off + 14, 2);
        int second = digits(b, off + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 60) {
            return INVALID;
        }
        if (day > daysInMonth(year, month)) {
            return INVALID;
        }
        int i = 19;
        long micros = 0;
        if (i < n && b[off + i] == '.') {
            i++;
            int fracDigits = 0;
            while (i < n && b[off + i] >= '0' && b[off + i] <= '9') {
                if (fracDigits < 6) {
                    micros = micros * 10 + (b[off + i] - '0');
                }
                fracDigits++;
                i++;
            }
            if (fracDigits == 0) return INVALID;
            for (int k = fracDigits; k < 6; k++) micros *= 10;
        }
        if (i >= n) return INVALID;
        long offsetSeconds;
        char z = b[off + i];
        if ((z == 'Z' || z == 'z') && i == n - 1) {
            offsetSeconds = 0;
        } else if ((z == '+' || z == '-') && i + 6 == n && b[off + i + 3] == ':') {
            int oh = digits(b, off + i + 1, 2);
            int om = digits(b, off + i + 4, 2);
            if (oh < 0 || om < 0 || oh > 23 || om > 59) return INVALID;
            offsetSeconds = (oh * 3600L + om * 60L) * (z == '-' ? -1 : 1);
        } else {
            return INVALID;
        }
        long days = daysFromCivil(year, month, day);
        long secs = days * 86400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return secs * 1_000_000L + micros;
    }

    private static int digits(char[] b, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = b[i];
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Formats epoch µs as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (the form Kraken sends). */
    public static String formatMicros(long epochMicros) {
        java.time.Instant t = java.time.Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1000L);
        java.time.LocalDateTime d = java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", d.getYear(), d.getMonthValue(), d.getDayOfMonth(),
                d.getHour(), d.getMinute(), d.getSecond(), Math.floorMod(epochMicros, 1_000_000L));
    }
}
