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
            Manifest m = Recorder.record(config, dir, "cryptorun record (test)", n -> n >= frames.size());

            assertThat(m.verify(dir)).isEmpty();
            assertThat(Manifest.read(dir).verify(dir)).isEmpty();
            assertThat(m.venues()).containsExactly("kraken");
            assertThat(m.symbols()).contains("BTC/USD");
            assertThat(m.files()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo("kraken-0.jsonl");
                assertThat(f.lines()).isEqualTo(frames.size());
                assertThat(f.conns()).containsExactly("kraken-0");
            });
            List<String> recorded = Files.readAllLines(dir.resolve("kraken-0.jsonl")).stream()
                    .map(l -> FixtureLine.parse(l).frame()).toList();
            assertThat(recorded).isEqualTo(frames);
        }
    }
}
