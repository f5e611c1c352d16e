package io.cryptorun.jobs.live;

import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.live.LiveSourceConfig;
import io.cryptorun.sources.live.Venue;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import io.cryptorun.sources.live.loopback.TimeShift;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Kraken feed on a {@link LoopbackExchange} for job-level tests, and the live source config that reads it. */
final class LoopbackKraken {
    static final String PATH = "/kraken";

    private LoopbackKraken() {}

    /** Every connection gets {@code frames} once it subscribes to a book, then stays open up to {@code holdMs}. */
    static void serve(LoopbackExchange server, List<String> frames, long holdMs) {
        server.onWebSocket(PATH, s -> {
            s.awaitText(t -> t.contains("\"channel\":\"book\""), 10_000);
            for (String f : frames) s.send(f);
            s.holdUntilClientCloses(holdMs);
        });
    }

    /** Like {@link #serve}, with the recording's exchange times moved to now, as a live feed's would be. */
    static void serveShiftedToNow(LoopbackExchange server, List<FixtureLine> lines, long holdMs) {
        server.onWebSocket(PATH, s -> {
            s.awaitText(t -> t.contains("\"channel\":\"book\""), 10_000);
            Instant now = Instant.now();
            TimeShift shift = new TimeShift(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000 - lines.get(0).ts());
            for (FixtureLine l : lines) s.send(shift.apply(l.frame()));
            s.holdUntilClientCloses(holdMs);
        });
    }

    /** The live source on this server's Kraken, with test-sized limits (queue, idle timeout, backoff). */
    static LiveSourceConfig config(LoopbackExchange server, String... symbols) {
        return LiveSourceConfig.of(Map.of(Venue.KRAKEN, List.of(symbols)), Map.of(Venue.KRAKEN.urlEnv(), server.wsUrl(PATH)))
                .withLimits(10_000, 120_000, 20, 200);
    }
}
