package io.cryptorun.sources.live;

import io.cryptorun.sources.model.MarketEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Unbounded FLIP-27 source of exchange WebSocket feeds (Kraken v2, Coinbase Exchange, Bitstamp,
 * Gemini v2). Splits are connection shards ({@link LiveSplit}: venue + symbol batch), assigned
 * by {@link LiveEnumerator}; each reader runs a {@link LiveFeed}. Checkpoints hold the shards'
 * subscriptions and frame ordinals; a restored reader reconnects and rebuilds every book from a
 * fresh snapshot (resync markers first), never continuing across the gap.
 *
 * <p>Two outputs: {@link #events} — the normalized {@link MarketEvent}s of the fixture path, plus
 * resync markers ({@link io.cryptorun.sources.model.BookReset}) — and {@link #frames} — each received frame as a
 * {@link FixtureLine} (receive time, venue, connection) with its symbol ({@link SymbolFrame}), for
 * the ingest job.
 */
public final class ExchangeWebSocketSource<T> implements Source<T, LiveSplit, List<LiveSplit>>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final LiveSourceConfig config;
    private final boolean frames;
    private final Class<T> type;

    private ExchangeWebSocketSource(LiveSourceConfig config, boolean frames, Class<T> type) {
        if (config.splits().isEmpty()) throw new IllegalArgumentException("live source without symbols");
        this.config = config;
        this.frames = frames;
        this.type = type;
    }

    public static ExchangeWebSocketSource<MarketEvent> events(LiveSourceConfig config) {
        return new ExchangeWebSocketSource<>(config, false, MarketEvent.class);
    }

    public static ExchangeWebSocketSource<SymbolFrame> frames(LiveSourceConfig config) {
        return new ExchangeWebSocketSource<>(config, true, SymbolFrame.class);
    }

    public LiveSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<T, LiveSplit> createReader(SourceReaderContext ctx) {
        return new LiveSourceReader<>(new LiveFeed(config, ctx.metricGroup()), frames);
    }

    @Override
    public SplitEnumerator<LiveSplit, List<LiveSplit>> createEnumerator(SplitEnumeratorContext<LiveSplit> ctx) {
        return new LiveEnumerator(ctx, config.splits(), config.splits());
    }

    @Override
    public SplitEnumerator<LiveSplit, List<LiveSplit>> restoreEnumerator(SplitEnumeratorContext<LiveSplit> ctx,
            List<LiveSplit> pending) {
        return new LiveEnumerator(ctx, config.splits(), pending);
    }

    @Override
    public SimpleVersionedSerializer<LiveSplit> getSplitSerializer() {
        return LiveSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<LiveSplit>> getEnumeratorCheckpointSerializer() {
        return LiveEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
