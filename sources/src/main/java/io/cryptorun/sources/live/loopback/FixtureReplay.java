package io.cryptorun.sources.live.loopback;

import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.fixture.Manifest;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Recorded fixture frames served by a {@link LoopbackExchange}, so the live source can run offline
 * ({@code cryptorun ws-server}): WebSocket path {@code /<venue>} replays the venue's recorded
 * connections — the n-th client connection gets recorded connection {@code n mod count} from its
 * first frame (a reconnect starts over, with its snapshots) — after the client's first message
 * (its subscribe), paced by the recorded receive times ({@code speed}× real time; 0 = as fast as
 * possible), then stays open and quiet. Bitstamp REST snapshot lines (connection
 * {@code <conn>#rest:<pair>}) are served on {@code /api/v2/order_book/<pair>/}. With
 * {@code rebaseTime}, exchange timestamps in the frames are moved ({@link TimeShift}) so the
 * recording's first frame is "now" at the start of each connection: event times then agree with
 * the receive times the live source stamps, as on a real feed; {@link #serveShifted} moves them by a
 * fixed offset instead.
 */
public final class FixtureReplay {
    private FixtureReplay() {}

    /** Venue → recorded connection → its frame lines (REST lines excluded), in file order. */
    public static Map<String, Map<String, List<FixtureLine>>> load(Path fixture, Map<String, List<String>> restBodies)
            throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(fixture)) {
            try (Stream<Path> s = Files.list(fixture)) {
                s.filter(p -> p.getFileName().toString().matches(".*\\.jsonl(\\.gz)?")).sorted().forEach(files::add);
            }
        } else {
            files.add(fixture);
        }
        Map<String, Map<String, List<FixtureLine>>> byVenue = new TreeMap<>();
        for (Path f : files) {
            try (BufferedReader r = Manifest.open(f)) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    if (l.isBlank()) continue;
                    FixtureLine line;
                    try {
                        line = FixtureLine.parse(l);
                    } catch (IllegalArgumentException e) {
                        continue; // not a frame line: nothing to serve
                    }
                    if (line.conn().endsWith("#resync")) continue; // a resync marker the recorder noted, not a frame
                    int rest = line.conn().indexOf("#rest:");
                    if (rest >= 0) {
                        restBodies.computeIfAbsent(line.conn().substring(rest + 6), p -> new ArrayList<>()).add(line.frame());
                    } else {
                        byVenue.computeIfAbsent(line.venue(), v -> new LinkedHashMap<>())
                                .computeIfAbsent(line.conn(), c -> new ArrayList<>()).add(line);
                    }
                }
            }
        }
        return byVenue;
    }

    static long nowMicros() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    /** Starts a loopback exchange on {@code port} (0 = ephemeral) serving {@code fixture}. */
    public static LoopbackExchange serve(Path fixture, int port, double speed, boolean rebaseTime) throws IOException {
        return serve(fixture, port, speed, rebaseTime ? null : 0L);
    }

    /**
     * As {@link #serve(Path, int, double, boolean)}, every exchange timestamp moved by the same
     * {@code offsetMicros} on every connection instead of rebased to "now". A shift by whole days
     * ({@code ws-server --shift-days}) keeps every UTC-aligned bar (1m … 1d) of the recording
     * aligned, so a bar history moved by the same days continues it; a shift that puts the
     * recording ahead of the clock keeps receive times at or before exchange times at any pace ≥ 1.
     */
    public static LoopbackExchange serveShifted(Path fixture, int port, double speed, long offsetMicros) throws IOException {
        return serve(fixture, port, speed, Long.valueOf(offsetMicros));
    }

    /** @param fixedOffset the shift of every timestamp, or null to rebase each connection to now */
    private static LoopbackExchange serve(Path fixture, int port, double speed, Long fixedOffset) throws IOException {
        Map<String, List<String>> rest = new TreeMap<>();
        Map<String, Map<String, List<FixtureLine>>> byVenue = load(fixture, rest);
        LoopbackExchange server = new LoopbackExchange(port);
        for (var venue : byVenue.entrySet()) {
            List<List<FixtureLine>> conns = List.copyOf(venue.getValue().values());
            server.onWebSocket("/" + venue.getKey(), s -> {
                s.awaitText(t -> true, Long.MAX_VALUE / 4);
                List<FixtureLine> lines = conns.get(s.index() % conns.size());
                long t0 = lines.isEmpty() ? 0 : lines.get(0).ts();
                long start = System.nanoTime();
                TimeShift shift = new TimeShift(fixedOffset != null ? fixedOffset : nowMicros() - t0);
                for (FixtureLine l : lines) {
                    if (speed > 0) {
                        long dueNanos = (long) ((l.ts() - t0) * 1000 / speed);
                        long wait = dueNanos - (System.nanoTime() - start);
                        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    if (s.clientClosed()) return;
                    s.send(shift.apply(l.frame()));
                }
                s.holdUntilClientCloses(Long.MAX_VALUE / 4);
            });
        }
        long restT0 = byVenue.values().stream().flatMap(m -> m.values().stream()).filter(l -> !l.isEmpty())
                .mapToLong(l -> l.get(0).ts()).min().orElse(0);
        for (var r : rest.entrySet()) {
            List<String> bodies = r.getValue();
            server.onHttp("/api/v2/order_book/" + r.getKey() + "/", i -> new LoopbackExchange.HttpReply(200,
                    new TimeShift(fixedOffset != null ? fixedOffset : nowMicros() - restT0).apply(bodies.get(Math.min(i, bodies.size() - 1)))));
        }
        return server;
    }
}
