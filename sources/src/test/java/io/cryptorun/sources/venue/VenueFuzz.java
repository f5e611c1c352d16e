package io.cryptorun.sources.venue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Shared harness for the venue parser fuzz tests (same invariants as {@code KrakenV2ParserFuzzTest}):
 * one reused parser, seeded frames from a generator plus char-level mutations of a third of them;
 * never throws; emits at least one event, and if any is a quarantine it is the only one, with the
 * frame's provenance. Returns the count per outcome (event kind of the first event, or the
 * quarantine reason) so each test can check the generator reached every outcome.
 */
public final class VenueFuzz {
    public static final long RECV = 1_700_000_000_123_456L;

    /** Parses one frame with a reused parser. */
    public interface Parse {
        void parse(String frame, long recv, String conn, long ordinal, java.util.function.Consumer<MarketEvent> out);
    }

    private VenueFuzz() {}

    public static Map<String, Integer> run(String venue, long seed, int frames, Function<Random, String> gen, Parse parser) {
        Random r = new Random(seed);
        Map<String, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < frames; i++) {
            String frame = gen.apply(r);
            if (r.nextInt(3) == 0) frame = mutate(frame, r);
            String key = parseAndCheck(venue, parser, frame, i);
            outcomes.merge(key, 1, Integer::sum);
        }
        assertThat(outcomes.getOrDefault("malformed_json", 0)).as(outcomes.toString()).isLessThan(frames / 2);
        return outcomes;
    }

    /**
     * Parses one frame and checks the adapter contract: nothing thrown, at least one event, and a
     * quarantine only alone and with the frame's provenance. Returns the outcome key (first event's
     * kind, or the quarantine reason). Shared by the seeded runs and the Jazzer fuzz tests.
     */
    public static String parseAndCheck(String venue, Parse parser, String frame, long ordinal) {
        List<MarketEvent> got = new ArrayList<>();
        try {
            parser.parse(frame, RECV, "conn", ordinal, got::add);
        } catch (Throwable t) {
            throw new AssertionError("parser threw on frame <" + frame + ">", t);
        }
        assertThat(got).as(frame).isNotEmpty();
        long quarantines = got.stream().filter(e -> e.kind() == EventKind.QUARANTINE).count();
        if (quarantines > 0) {
            assertThat(got).as(frame).hasSize(1);
            var q = got.get(0).quarantine();
            assertThat(List.of(q.venue(), q.conn(), q.frame(), q.frameOrdinal(), q.receiveTimeMicros()))
                    .as("provenance of " + frame).isEqualTo(List.of(venue, "conn", frame, ordinal, RECV));
            assertThat(q.reason()).isNotBlank();
            return q.reason();
        }
        for (MarketEvent e : got) {
            assertThat(e.venue()).isEqualTo(venue);
            assertThat(e.header().frameOrdinal()).isEqualTo(ordinal);
        }
        return got.get(0).kind().name();
    }

    public static <T> T pick(Random r, T[] a) {
        return a[r.nextInt(a.length)];
    }

    public static boolean chance(Random r, int percent) {
        return r.nextInt(100) < percent;
    }

    public static String str(String s) {
        return "\"" + s + "\"";
    }

    /** A JSON object of the given "name":value fields in random order, with occasional whitespace. */
    public static String object(Random r, List<String> fields) {
        Collections.shuffle(fields, r);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            if (chance(r, 3)) sb.append(" \n\t".charAt(r.nextInt(3)));
            sb.append(fields.get(i));
        }
        return sb.append('}').toString();
    }

    /** A good number 92 % of the time, else a bad one ({@link #BAD_NUMBERS}). */
    public static String number(Random r, String[] good) {
        return chance(r, 92) ? pick(r, good) : pick(r, BAD_NUMBERS);
    }

    /**
     * A JSON array of 0–3 items (at least one 90 % of the time), each from {@code item} or, rarely,
     * {@link #JUNK}; the whole array is junk 3 % of the time.
     */
    public static String array(Random r, java.util.function.Function<Random, String> item) {
        if (chance(r, 3)) return pick(r, JUNK);
        int n = (chance(r, 90) ? 1 : 0) + r.nextInt(3);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) items.add(chance(r, 2) ? pick(r, JUNK) : item.apply(r));
        return "[" + String.join(",", items) + "]";
    }

    public static final String[] BAD_NUMBERS = {
        "-1.5", "\"-1.5\"", "0", "\"0\"", "-0", "1e400", "99999999999999999999", "\"1.0000000000000000001\"", "\"abc\"",
        "\"NaN\"", "null", "true", "[]", "{}", "\"\"", "1E+3", "0.1e-30",
    };

    public static final String[] JUNK = {
        "1", "\"x\"", "null", "[1,{\"a\":[true,false]}]", "{\"nested\":{\"deep\":[[[]]]}}", "-0.0", "\"\\uD83D\\uDE00\"",
        "[" + "[".repeat(20) + "]".repeat(20) + "]", "[" + "[".repeat(40) + "]".repeat(40) + "]",
    };

    static final String NOISE = "{}[],:\"\\ -+.eE0123456789tfnulrsaxIN/*#'\t\n\u0000\u001f\u007f\u00a0\uFEFF\uD83D";

    /** One to three char-level edits: delete, insert, replace, truncate, duplicate a run. */
    public static String mutate(String frame, Random r) {
        StringBuilder sb = new StringBuilder(frame);
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = r.nextInt(sb.length() + 1);
            switch (r.nextInt(5)) {
                case 0 -> {
                    if (at < sb.length()) sb.deleteCharAt(at);
                }
                case 1 -> sb.insert(at, NOISE.charAt(r.nextInt(NOISE.length())));
                case 2 -> {
                    if (at < sb.length()) sb.setCharAt(at, NOISE.charAt(r.nextInt(NOISE.length())));
                }
                case 3 -> sb.setLength(at);
                default -> {
                    int to = Math.min(sb.length(), at + r.nextInt(12));
                    sb.insert(at, sb.substring(at, to));
                }
            }
        }
        return sb.toString();
    }
}
