package io.cryptorun.sources.venue.coinbase;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.venue.coinbase.AdvancedTradeParser;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The Coinbase Advanced Trade gap rule for one connection. Every Advanced Trade message carries a
 * {@code sequence_num} that counts the messages <em>of the connection</em> (all channels and
 * products, heartbeats included), so the rule needs the whole connection, not one product:
 *
 * <ul>
 *   <li>each frame read cleanly must carry the previous number + 1; a skipped, repeated or
 *       backwards number is a gap;</li>
 *   <li>a frame that could not be read (quarantined) does not advance the count, so the next
 *       frame reveals it as a skip: an unreadable frame is a gap too;</li>
 *   <li>the {@code heartbeats} channel (one message a second) carries numbers as well, so a gap
 *       shows within a second even when the lost message belonged to a quiet book.</li>
 * </ul>
 *
 * A gap invalidates every book that had a snapshot on the connection: the rule emits, before the
 * frame that revealed it, one <em>gap marker</em> per such book — a product {@link Heartbeat}
 * with {@code sequence} = the number received and {@code lastTradeId} = {@link #GAP_MARK} —
 * which the book's Coinbase rule ({@link CoinbaseBookIntegrity}) turns into
 * {@link BookOutcome#SEQUENCE_GAP}: the book is invalid (deltas refused as {@code book_invalid})
 * until its next snapshot, which makes it valid again ({@code books_recovered}). The marker's
 * exchange time is the latest exchange time of the data received on the connection before the
 * gap, so no microstructure past that point comes from the old book. The live source answers a
 * gap with a resync (new connection, fresh snapshots); a replay waits for the recorded one.
 *
 * <p>State: the last number, the books with a snapshot, the latest exchange time. It lives
 * with the connection: the live source's connection (reset when a new connection starts) and,
 * in replay, the fixture decoder's per-connection state (rebuilt on restore by re-reading the
 * consumed lines; reset by a recorded resync line). Not thread-safe.
 */
public final class AdvancedTradeSequence {
    /** {@code lastTradeId} of a gap marker; never a venue value (those are non-negative). */
    public static final long GAP_MARK = -2L;

    private long last = Heartbeat.NO_SEQUENCE;
    private final TreeSet<String> books = new TreeSet<>();
    private long lastExchangeMicros = EventHeader.NO_TIME;
    private long gaps;

    /** True for a {@link #GAP_MARK gap marker}. */
    public static boolean isGapMarker(Heartbeat h) {
        return h.lastTradeId() == GAP_MARK && !h.header().symbol().isEmpty();
    }

    /** A new connection: sequence numbers start afresh and no book is held. */
    public void reset() {
        last = Heartbeat.NO_SEQUENCE;
        books.clear();
        lastExchangeMicros = EventHeader.NO_TIME;
    }

    /** Gaps seen since this instance was created. */
    public long gaps() {
        return gaps;
    }

    /** The last sequence number accepted (tests). */
    public long last() {
        return last;
    }

    /**
     * Checks one parsed frame and learns from its events.
     *
     * @param sequenceNum {@link AdvancedTradeParser#sequenceNum()} of the frame
     * @param events      what the parser emitted for it
     * @return the gap markers to emit <em>before</em> the frame's events (empty without a gap)
     */
    public List<MarketEvent> onFrame(long sequenceNum, List<MarketEvent> events, long receiveMicros, String conn, long ordinal) {
        List<MarketEvent> markers = List.of();
        if (sequenceNum != Heartbeat.NO_SEQUENCE) {
            boolean gap = last != Heartbeat.NO_SEQUENCE && sequenceNum != last + 1;
            last = sequenceNum;
            if (gap) {
                gaps++;
                markers = new ArrayList<>(books.size());
                for (String symbol : books) {
                    EventHeader h = new EventHeader(AdvancedTradeParser.VENUE, symbol, lastExchangeMicros, receiveMicros, conn, ordinal);
                    markers.add(MarketEvent.of(new Heartbeat(h, sequenceNum, GAP_MARK)));
                }
                books.clear(); // invalid now: they come back with their next snapshot
            }
        }
        for (MarketEvent e : events) {
            if (e.kind() == EventKind.QUARANTINE) {
                continue;
            }
            if (e.kind() == EventKind.BOOK_SNAPSHOT) {
                books.add(e.symbol());
            }
            long t = e.header().exchangeTimeMicros();
            if (t != EventHeader.NO_TIME && (lastExchangeMicros == EventHeader.NO_TIME || t > lastExchangeMicros)) {
                lastExchangeMicros = t;
            }
        }
        return markers;
    }
}
