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

    /** "venue|symbol" keys whose newest event is more than {@code maxAgeMicros} before {@code nowMicros}, sorted. */
    public List<String> stale(long nowMicros, long maxAgeMicros) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : last.entrySet()) {
            if (nowMicros - e.getValue() > maxAgeMicros) out.add(e.getKey());
        }
        return out;
    }
}
