package io.cryptorun.sources.venue.coinbase;

import io.cryptorun.sources.model.BookReset;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
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
 * A gap is reported once — a connection-level {@link Quarantine} {@code sequence_gap} naming the
 * number expected and the one received — and invalidates every book that had a snapshot on the
 * connection: the rule emits, before the frame that revealed it, one {@link BookReset} per such
 * book (reason {@code sequence_gap}, the same event type the live source emits for any gap, so the
 * book operator takes the one reset path: the book is invalid — deltas refused as
 * {@code book_invalid} — until its next snapshot, which makes it valid again,
 * {@code books_recovered}). The reset's exchange time is the latest exchange time of the data
 * received on the connection before the gap, so no microstructure past that point comes from the
 * old book. The live source answers a gap with a resync (new connection, fresh snapshots, its own
 * resets stamped per symbol); a replay waits for the recorded one.
 *
 * <p>State: the last number, the books with a snapshot, the latest exchange time. It lives
 * with the connection: the live source's connection (reset when a new connection starts) and,
 * in replay, the fixture decoder's per-connection state (rebuilt on restore by re-reading the
 * consumed lines; reset by a recorded resync line). Not thread-safe.
 */
public final class AdvancedTradeSequence {
    private long last = Heartbeat.NO_SEQUENCE;
    private final TreeSet<String> books = new TreeSet<>();
    private long lastExchangeMicros = EventHeader.NO_TIME;
    private long gaps;

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
     * @return what to emit <em>before</em> the frame's events: empty without a gap, else the gap's
     *         quarantine followed by one {@link BookReset} per book the connection held (none when
     *         it held none)
     */
    public List<MarketEvent> onFrame(long sequenceNum, List<MarketEvent> events, long receiveMicros, String conn, long ordinal) {
        List<MarketEvent> markers = List.of();
        if (sequenceNum != Heartbeat.NO_SEQUENCE) {
            boolean gap = last != Heartbeat.NO_SEQUENCE && sequenceNum != last + 1;
            long expected = last + 1;
            last = sequenceNum;
            if (gap) {
                gaps++;
                markers = new ArrayList<>(books.size() + 1);
                markers.add(MarketEvent.of(new Quarantine(AdvancedTradeParser.VENUE, "", QuarantineReason.SEQUENCE_GAP,
                        "sequence_num " + sequenceNum + " where " + expected + " was due: "
                                + (books.isEmpty() ? "no book held" : "books reset " + String.join(",", books)),
                        receiveMicros, conn, ordinal, "")));
                for (String symbol : books) {
                    EventHeader h = new EventHeader(AdvancedTradeParser.VENUE, symbol, lastExchangeMicros, receiveMicros, conn, -1);
                    markers.add(MarketEvent.of(new BookReset(h, QuarantineReason.SEQUENCE_GAP, true)));
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
