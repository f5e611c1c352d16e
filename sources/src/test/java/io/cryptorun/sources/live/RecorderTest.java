package io.cryptorun.sources.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
    @TempDir
    Path dir;

    @Test
    void recordsFramesAsAFixtureWithAVerifiedManifest() throws Exception {
        List<String> frames = LiveHarness.krakenFrames(120);
        try (LoopbackExchange server = new LoopbackExchange(0)) {
            server.onWebSocket("/kraken", s -> {
                s.awaitText(t -> t.contains("\"channel\":\"book\""), 10_000);
                for (String f : frames) s.send(f);
            });
            LiveSourceConfig config = LiveSourceConfig.of(Map.of(Venue.KRAKEN, List.of("BTC/USD", "ETH/USD")),
                    Map.of(Venue.KRAKEN.urlEnv(), server.wsUrl("/kraken")));
            // the frames plus one resync line per symbol ("connected": whatever came before is not continued)
            Manifest m = Recorder.record(config, dir, "cryptorun record (test)", n -> n >= frames.size() + 2);

            assertThat(m.verify(dir)).isEmpty();
            assertThat(Manifest.read(dir).verify(dir)).isEmpty();
            assertThat(m.venues()).containsExactly("kraken");
            assertThat(m.symbols()).contains("BTC/USD");
            assertThat(m.files()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo("kraken-0.jsonl");
                assertThat(f.lines()).isEqualTo(frames.size() + 2);
                assertThat(f.conns()).containsExactly("kraken-0", "kraken-0#resync");
            });
            List<FixtureLine> all = Files.readAllLines(dir.resolve("kraken-0.jsonl")).stream().map(FixtureLine::parse).toList();
            assertThat(all).filteredOn(l -> l.conn().equals("kraken-0")).extracting(FixtureLine::frame).isEqualTo(frames);
            assertThat(all.subList(0, 2)).allSatisfy(l -> {
                assertThat(l.conn()).isEqualTo("kraken-0#resync");
                assertThat(io.cryptorun.sources.fixture.BookResetLine.decodeEvent(l).reset().reason()).isEqualTo("connected");
            });
        }
    }
}
