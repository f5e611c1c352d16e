package io.cryptorun.simulator;

import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.fixture.FixtureLineDecoder;
import io.cryptorun.sources.venue.kraken.KrakenV2Parser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * One simulated WebSocket connection: the handshake a recorder would have captured (status,
 * instrument subscription and snapshot, per symbol a book subscription with its depth-25 snapshot and
 * a trade subscription without snapshot), then the symbols' frames merged in exchange-time order,
 * each received after a latency of 1–200 ms, receive times never decreasing, and a heartbeat after
 * every second without traffic. Connection 0 stalls once ({@link MarketModel#stallStart}): what it
 * sends during the stall, heartbeats included, arrives after it, so the late-fill gate has a real
 * lagging feed to catch. Frames whose receive time would reach the end of the run are not
 * written.
 *
 * <p>Other venues ({@link SimVenue}) get their own handshake over the same market and timing:
 * Coinbase the {@code subscriptions} reply and a {@code snapshot} per product (its heartbeats are
 * per product, from the feed); Bitstamp a {@code bts:subscription_succeeded} per channel and, per
 * pair, the REST order book response on connection {@code <conn>#rest:<pair>} in the same file
 * (the live recorder's convention) some 250–400 ms after the book instant it holds; Gemini the
 * initial {@code l2_updates} per symbol; Coinbase Advanced Trade the {@code subscriptions} reply, a
 * {@code snapshot} per product and a connection-level {@code heartbeats} message every second, every
 * message numbered by the connection's {@code sequence_num}. The others have no connection-level
 * heartbeat.
 */
final class ConnectionWriter {
    static final int MAX_SYMBOLS_PER_CONNECTION = 10;
    /** Kraken's heartbeat: about once a second when nothing else was sent. */
    static final long HEARTBEAT_MICROS = Times.SECOND;
    static final long MIN_LATENCY = 1_000;
    static final long MAX_LATENCY = 200_000;

    /** What was written for one connection (its REST responses included: {@code conns}). */
    record Stats(List<String> conns, List<String> symbols, long lines, long firstTs, long lastTs) {}

    private final MarketModel model;
    private final SimVenue venue;
    /** Receive times reach up to here (exclusive): the model's end, or earlier with a frame-period limit. */
    private final long end;
    private final TreeSet<String> conns = new TreeSet<>();
    private final int index;
    private long resubscribeAt = Long.MIN_VALUE;
    private final String conn;
    private final List<Integer> symbolIndexes;
    private final GzipLineWriter out;
    private final Rng latency;
    private final double baseLatency;
    private long firstTs = Long.MIN_VALUE;
    private long lastTs = Long.MIN_VALUE;
    /** Advanced Trade: the connection's next {@code sequence_num}, and the next heartbeat (exchange time, counter). */
    private long nextSequence;
    private long nextHeartbeat = Long.MIN_VALUE;
    private long heartbeatCounter;
    /** Fault tests: {@code sequence_num}s the venue numbers but never sends (a server-side drop). */
    private java.util.Set<Long> dropped = java.util.Set.of();

    ConnectionWriter(MarketModel model, int index, List<Integer> symbolIndexes, GzipLineWriter out) {
        this(model, SimVenue.KRAKEN, model.end, index, symbolIndexes, out);
    }

    ConnectionWriter(MarketModel model, SimVenue venue, long end, int index, List<Integer> symbolIndexes, GzipLineWriter out) {
        this.model = model;
        this.venue = venue;
        this.end = Math.min(end, model.end);
        this.index = index;
        this.conn = venue.connName(index);
        this.symbolIndexes = symbolIndexes;
        this.out = out;
        this.latency = venue == SimVenue.KRAKEN ? Rng.of(model.cfg.seed(), Rng.LATENCY, index, model.start)
                : Rng.of(model.cfg.seed(), Rng.LATENCY, index, model.start, Rng.hash(venue.id()));
        this.baseLatency = 6_000 + 2_500 * index;
    }

    /** Every symbol of the connection resubscribes at {@code micros} (fault tests: the book's recovery). */
    ConnectionWriter resubscribeAt(long micros) {
        this.resubscribeAt = micros;
        return this;
    }

    /** Advanced Trade: the messages numbered {@code seqs} are never sent (fault tests: a lost message). */
    ConnectionWriter dropSequences(java.util.Set<Long> seqs) {
        this.dropped = java.util.Set.copyOf(seqs);
        return this;
    }

    static String connName(int index) {
        return KrakenV2Parser.VENUE + "-" + index;
    }

    /** Symbols are dealt round-robin, so that majors (first in the universe) spread over the connections. */
    static List<List<Integer>> shard(int symbols) {
        int conns = (symbols + MAX_SYMBOLS_PER_CONNECTION - 1) / MAX_SYMBOLS_PER_CONNECTION;
        List<List<Integer>> out = new ArrayList<>();
        for (int c = 0; c < conns; c++) out.add(new ArrayList<>());
        for (int i = 0; i < symbols; i++) out.get(i % conns).add(i);
        return out;
    }

    Stats write() throws IOException {
        int n = symbolIndexes.size();
        long t0 = model.start + 500L * (index + 1);
        long bookAcks = t0 + 50_000;
        long tradeAcks = bookAcks + n * 3_000L + 10_000;
        long dataStart = tradeAcks + n * 1_000L + 20_000;
        List<SymbolFeed> feeds = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            SymbolFeed feed = new SymbolFeed(model, symbolIndexes.get(j), j, dataStart, venue);
            if (resubscribeAt != Long.MIN_VALUE) feed.resubscribeAt(resubscribeAt);
            feeds.add(feed);
        }
        switch (venue) {
            case KRAKEN -> krakenHandshake(feeds, t0, bookAcks, tradeAcks);
            case COINBASE -> {
                emit(t0 + 30_000, CoinbaseFrames.subscriptions(feeds.stream().map(SymbolFeed::spec).toList()));
                initialBooks(feeds, bookAcks);
            }
            case BITSTAMP -> {
                for (int j = 0; j < n; j++) {
                    emit(bookAcks + j * 3_000L, BitstampFrames.subscribed(BitstampFrames.diffChannel(feeds.get(j).spec())));
                }
                for (int j = 0; j < n; j++) {
                    emit(tradeAcks + j * 1_000L, BitstampFrames.subscribed(BitstampFrames.tradesChannel(feeds.get(j).spec())));
                }
            }
            case GEMINI -> initialBooks(feeds, bookAcks);
            case COINBASE_ADVANCED -> {
                emit(t0 + 30_000, AdvancedTradeFrames.subscriptions(feeds.stream().map(SymbolFeed::spec).toList(), t0 + 28_000));
                initialBooks(feeds, bookAcks);
                nextHeartbeat = dataStart;
            }
        }

        PriorityQueue<SymbolFeed> pending = new PriorityQueue<>(
                Comparator.<SymbolFeed>comparingLong(f -> f.peek().exchMicros).thenComparingInt(f -> f.peek().order));
        for (SymbolFeed f : feeds) {
            if (f.peek() != null) pending.add(f);
        }
        boolean heartbeats = venue == SimVenue.KRAKEN;
        boolean stalls = venue == SimVenue.KRAKEN && index == 0;
        while (!pending.isEmpty()) {
            SymbolFeed f = pending.poll();
            SymbolFeed.Event e = f.poll();
            long received = Math.max(lastTs, e.exchMicros + latency());
            if (stalls && e.exchMicros >= model.stallStart && e.exchMicros < model.stallEnd) {
                received = Math.max(received, model.stallEnd + latency()); // held back by the stall
            }
            if (received >= end) {
                break; // receive times only grow from here
            }
            if (heartbeats) heartbeatsUntil(received);
            String frame = e.frame;
            if (venue == SimVenue.COINBASE_ADVANCED) {
                received = advancedTradeHeartbeats(e.exchMicros, received);
                frame = AdvancedTradeFrames.stamped(frame, e.exchMicros);
            }
            emit(received, e.restPair == null ? conn : FixtureLineDecoder.restConn(conn, e.restPair), frame);
            if (f.peek() != null) pending.add(f);
        }
        if (heartbeats) heartbeatsUntil(end);
        if (venue == SimVenue.COINBASE_ADVANCED) advancedTradeHeartbeats(end, end);
        List<String> symbols = feeds.stream().map(f -> f.spec().symbol()).sorted().toList();
        return new Stats(List.copyOf(conns), symbols, out.lines(), firstTs, lastTs);
    }

    /** Coinbase and Gemini: each symbol's full book shortly after its subscription. */
    private void initialBooks(List<SymbolFeed> feeds, long bookAcks) throws IOException {
        for (int j = 0; j < feeds.size(); j++) {
            long ts = bookAcks + j * 3_000L;
            emit(ts + 400, venue == SimVenue.COINBASE_ADVANCED ? AdvancedTradeFrames.stamped(feeds.get(j).snapshotFrame(), ts)
                    : feeds.get(j).snapshotFrame());
        }
    }

    /**
     * Advanced Trade's {@code heartbeats}: one a second of exchange time, whatever else is sent,
     * those before {@code exchMicros}; returns the receive time for a frame received at
     * {@code received}, which never goes before them.
     */
    private long advancedTradeHeartbeats(long exchMicros, long received) throws IOException {
        while (nextHeartbeat < exchMicros) {
            long at = Math.max(lastTs, nextHeartbeat + latency());
            if (at >= end) return Math.max(received, lastTs); // the run ends before it arrives
            emit(at, AdvancedTradeFrames.heartbeat(nextHeartbeat, heartbeatCounter++));
            nextHeartbeat += Times.SECOND;
        }
        return Math.max(received, lastTs);
    }

    private void krakenHandshake(List<SymbolFeed> feeds, long t0, long bookAcks, long tradeAcks) throws IOException {
        int n = feeds.size();
        Rng ids = Rng.of(model.cfg.seed(), Rng.CONN, index, model.start);
        emit(t0, KrakenFrames.status(Long.toUnsignedString(ids.nextLong())));
        emit(t0 + 30_000, KrakenFrames.subscribeAck("instrument", null, 0, true, t0 + 27_310, t0 + 27_360));
        emit(t0 + 32_000, KrakenFrames.instrumentSnapshot(model.specs));
        for (int j = 0; j < n; j++) {
            long ts = bookAcks + j * 3_000L;
            String sym = feeds.get(j).spec().symbol();
            emit(ts, KrakenFrames.subscribeAck("book", sym, SimBook.DEPTH, true, ts - 2_480, ts - 2_431));
            emit(ts + 400, feeds.get(j).snapshotFrame());
        }
        for (int j = 0; j < n; j++) {
            long ts = tradeAcks + j * 1_000L;
            emit(ts, KrakenFrames.subscribeAck("trade", feeds.get(j).spec().symbol(), 0, false, ts - 610, ts - 571));
        }
    }

    /** Mostly a few ms, log-normal, with rare spikes towards 200 ms. */
    private long latency() {
        double v = latency.chance(0.003) ? latency.uniform(60_000, MAX_LATENCY) : latency.lognormal(baseLatency, 0.6);
        return Math.max(MIN_LATENCY, Math.min(MAX_LATENCY, Math.round(v)));
    }

    private void heartbeatsUntil(long next) throws IOException {
        while (true) {
            long hb = lastTs + HEARTBEAT_MICROS + latency.uniformLong(0, 3_000);
            if (index == 0 && hb >= model.stallStart && hb < model.stallEnd) {
                hb = model.stallEnd + latency.uniformLong(0, 3_000); // heartbeats are stuck in the stall too
            }
            if (hb >= next) return;
            emit(hb, KrakenFrames.HEARTBEAT);
        }
    }

    private void emit(long ts, String frame) throws IOException {
        emit(ts, conn, frame);
    }

    private void emit(long ts, String lineConn, String frame) throws IOException {
        if (ts < lastTs) throw new IllegalStateException("receive time went backwards on " + conn);
        if (venue == SimVenue.COINBASE_ADVANCED) { // the connection numbers every message it sends
            long seq = nextSequence++;
            if (dropped.contains(seq)) return;
            frame = AdvancedTradeFrames.numbered(frame, seq);
        }
        if (firstTs == Long.MIN_VALUE) firstTs = ts;
        lastTs = ts;
        conns.add(lineConn);
        out.line(new FixtureLine(ts, venue.id(), lineConn, frame).toJson());
    }
}
