package io.cryptorun.sources.live.loopback;

import io.cryptorun.sources.time.Rfc3339;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves the exchange timestamps inside recorded frames by a fixed offset, so that old recordings
 * served as a live feed carry exchange times close to the receive times the live source stamps
 * (event time and receive time must agree, as on a real feed). Knows the venues' time fields:
 * RFC 3339 strings in {@code "timestamp"} / {@code "time"} / {@code "time_in"} / {@code "time_out"} / {@code "event_time"}
 * (Kraken, Coinbase, Coinbase Advanced Trade), microseconds in {@code "microtimestamp"} strings and seconds in
 * {@code "timestamp"} strings (Bitstamp), milliseconds in numeric {@code "timestamp"} (Gemini).
 * Text-level, so the frame stays byte-for-byte the recording everywhere else.
 */
public final class TimeShift {
    private static final Pattern RFC3339 =
            Pattern.compile("\"(timestamp|time|time_in|time_out|event_time)\":\"(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z)\"");
    private static final Pattern MICROS = Pattern.compile("\"microtimestamp\":\"(\\d{16})\"");
    private static final Pattern SECONDS = Pattern.compile("\"timestamp\":\"(\\d{10})\"");
    private static final Pattern MILLIS = Pattern.compile("\"timestamp\":(\\d{13})(?=[,}\\]])");

    private final long offsetMicros;

    public TimeShift(long offsetMicros) {
        this.offsetMicros = offsetMicros;
    }

    public long offsetMicros() {
        return offsetMicros;
    }

    public String apply(String frame) {
        if (offsetMicros == 0) return frame;
        String s = replace(RFC3339, frame, m -> {
            long t = Rfc3339.parseMicros(m.group(2));
            return t == Rfc3339.INVALID ? m.group() : "\"" + m.group(1) + "\":\"" + Rfc3339.formatMicros(t + offsetMicros) + "\"";
        });
        s = replace(MICROS, s, m -> "\"microtimestamp\":\"" + (Long.parseLong(m.group(1)) + offsetMicros) + "\"");
        s = replace(SECONDS, s, m -> "\"timestamp\":\"" + (Long.parseLong(m.group(1)) + offsetMicros / 1_000_000) + "\"");
        return replace(MILLIS, s, m -> "\"timestamp\":" + (Long.parseLong(m.group(1)) + offsetMicros / 1_000));
    }

    private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(text);
        if (!m.find()) return text;
        StringBuilder b = new StringBuilder(text.length() + 16);
        int last = 0;
        do {
            b.append(text, last, m.start()).append(f.apply(m));
            last = m.end();
        } while (m.find());
        return b.append(text, last, text.length()).toString();
    }
}
