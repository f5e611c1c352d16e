package io.cryptorun.sources.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveSplitSerializerTest {
    @Test
    void splitsAndEnumeratorStateRoundTrip() throws IOException {
        LiveSplit s = new LiveSplit("coinbase-1", Venue.COINBASE, new String[] {"BTC/USD", "ETH/USD"}, 12_345);
        byte[] bytes = LiveSplitSerializer.INSTANCE.serialize(s);
        assertThat(LiveSplitSerializer.INSTANCE.deserialize(1, bytes)).isEqualTo(s);
        List<LiveSplit> pending = List.of(s, new LiveSplit("kraken-0", Venue.KRAKEN, new String[] {"BTC/USD"}, 0));
        byte[] state = LiveEnumeratorStateSerializer.INSTANCE.serialize(pending);
        assertThat(LiveEnumeratorStateSerializer.INSTANCE.deserialize(1, state)).isEqualTo(pending);
    }

    @Test
    void unknownVersionsAndCorruptBytesAreRejected() throws IOException {
        LiveSplit s = new LiveSplit("gemini-0", Venue.GEMINI, new String[] {"BTC/USD"}, 1);
        byte[] bytes = LiveSplitSerializer.INSTANCE.serialize(s);
        assertThatThrownBy(() -> LiveSplitSerializer.INSTANCE.deserialize(2, bytes)).isInstanceOf(IOException.class);
        byte[] trailing = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> LiveSplitSerializer.INSTANCE.deserialize(1, trailing)).isInstanceOf(IOException.class);
    }

    @Test
    void configShardsSymbolsPerVenueAndMapsVenueSymbols() {
        LiveSourceConfig c = LiveSourceConfig.of(Map.of(
                Venue.KRAKEN, List.of("BTC/USD", "ETH/USD", "SOL/USD"),
                Venue.BITSTAMP, List.of("BTC/USD")), Map.of("KRAKEN_WS_URL", "ws://127.0.0.1:1/kraken"));
        assertThat(c.url(Venue.KRAKEN)).isEqualTo("ws://127.0.0.1:1/kraken");
        assertThat(c.url(Venue.GEMINI)).isEqualTo("wss://api.gemini.com/v2/marketdata");
        assertThat(c.splits()).extracting(LiveSplit::id).containsExactly("kraken-0", "bitstamp-0");
        assertThat(Venue.COINBASE.venueSymbol("BTC/USD")).isEqualTo("BTC-USD");
        assertThat(Venue.BITSTAMP.venueSymbol("BTC/USD")).isEqualTo("btcusd");
        assertThat(Venue.GEMINI.venueSymbol("BTC/USD")).isEqualTo("BTCUSD");
        assertThat(Venue.BITSTAMP.subscribeBatches(List.of("BTC/USD")).get(0)).containsExactly(
                "{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"diff_order_book_btcusd\"}}",
                "{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"live_trades_btcusd\"}}");
        assertThat(Venue.COINBASE.subscribeBatches(List.of("BTC/USD", "ETH/USD")).get(0)).containsExactly(
                "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channels\":[\"level2_batch\",\"matches\",\"heartbeat\"]}");
        assertThatThrownBy(() -> Venue.checkCanonical("btc/usd\"")).isInstanceOf(IllegalArgumentException.class);
    }
}
