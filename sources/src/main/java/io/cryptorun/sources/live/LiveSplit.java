package io.cryptorun.sources.live;

import java.util.Arrays;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One connection shard: a venue and a batch of its symbols, served by one WebSocket. The split id
 * is the connection id written into every record's provenance ({@code kraken-0}).
 *
 * @param nextOrdinal the ordinal the next frame of this connection gets: checkpointed, so frame
 *                    ordinals stay unique across restores (a restored reader continues counting)
 */
public record LiveSplit(String id, Venue venue, String[] symbols, long nextOrdinal) implements SourceSplit {
    @Override
    public String splitId() {
        return id;
    }

    public LiveSplit withNextOrdinal(long n) {
        return new LiveSplit(id, venue, symbols, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LiveSplit s && s.id.equals(id) && s.venue == venue && Arrays.equals(s.symbols, symbols)
                && s.nextOrdinal == nextOrdinal;
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(symbols);
    }

    @Override
    public String toString() {
        return id + Arrays.toString(symbols) + "@" + nextOrdinal;
    }
}
