package io.cryptorun.functions.validate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Last event time per venue/symbol; what is older than the limit at a given instant is stale. */
public final class Staleness implements Serializable {
    private static final long serialVersionUID = 1L;
    private final TreeMap<String, Long> last = new TreeMap<>();

    public void update(String venue, String symbol, long tsMicros) {
        last.merge(venue + "|" + symbol, tsMicros, Math::max);
    }

    /**
     * The venues of one symbol that went stale by {@code nowMicros} and were not reported yet: their newest book data
     * ({@code lastData}, venue → µs) is at least {@code maxAgeMicros} old, and {@code reported} does not already hold
     * that same data time for them (a venue is reported once per silence, again only after new data). Sorted; each is
     * recorded in {@code reported}.
     */
    public static List<String> newlyStale(Map<String, Long> lastData, Map<String, Long> reported, long nowMicros, long maxAgeMicros) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : new TreeMap<>(lastData).entrySet()) {
            long data = e.getValue();
            if (nowMicros - data >= maxAgeMicros && !Long.valueOf(data).equals(reported.get(e.getKey()))) {
                out.add(e.getKey());
                reported.put(e.getKey(), data);
            }
        }
        return out;
    }

    /** "venue|symbol" keys whose newest event is more than {@code maxAgeMicros} before {@code nowMicros}, sorted. */
    public List<String> stale(long nowMicros, long maxAgeMicros) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : last.entrySet()) {
            if (nowMicros - e.getValue() > maxAgeMicros) out.add(e.getKey());
        }
        return out;
    }
}
