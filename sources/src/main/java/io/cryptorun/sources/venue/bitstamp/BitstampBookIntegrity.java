package io.cryptorun.sources.venue.bitstamp;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.BookRule;
import io.cryptorun.sources.book.BookState;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.book.VenueBooks;
import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;
import io.cryptorun.sources.model.EventHeader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bitstamp rules for one pair's book: {@code diff_order_book_<pair>} diffs are buffered until a
 * REST order-book snapshot arrives ({@code GET /api/v2/order_book/<pair>/}); the snapshot replaces
 * the book, then the buffered diffs are applied in {@code microtimestamp} order. Diffs older than
 * or equal to the snapshot's {@code microtimestamp} are already in it: dropped and counted
 * ({@link BookOutcome#STALE}), never applied. After that, live diffs apply directly; one older than
 * the last applied diff is out of order ⇒ book invalid ({@link BookOutcome#OUT_OF_ORDER}) and diffs
 * are buffered again until the next REST snapshot (the resync).
 *
 * <p>The microtimestamp is the record's {@link EventHeader#exchangeTimeMicros()} — the parser puts
 * Bitstamp's {@code microtimestamp} there, so no extra field is needed. The buffer is bounded
 * ({@code maxBuffered}); on overflow the oldest diff is dropped and remembered: if a dropped diff
 * is newer than the snapshot that finally arrives, the book would miss it, so that snapshot
 * leaves the book invalid ({@link BookOutcome#SEQUENCE_GAP}) and a fresh one is needed. A snapshot
 * that reaches a valid book which has already applied diffs up to its microtimestamp or later is
 * older than the book: dropped ({@link BookOutcome#STALE}), since replacing the book would lose
 * those diffs.
 *
 * <p>One instance per book (it holds the buffer); not thread-safe.
 */
public final class BitstampBookIntegrity implements BookRule {
    public static final int DEFAULT_MAX_BUFFERED = 10_000;

    private static final Comparator<BookDelta> BY_MICROS =
            Comparator.comparingLong(d -> d.header().exchangeTimeMicros());

    private final int maxBuffered;
    private final ArrayList<BookDelta> buffer = new ArrayList<>();
    private long snapshotMicros = EventHeader.NO_TIME;
    private long lastAppliedMicros = EventHeader.NO_TIME;
    private long droppedNewestMicros = EventHeader.NO_TIME;
    private long staleDropped;
    private long overflowDropped;

    public BitstampBookIntegrity() {
        this(DEFAULT_MAX_BUFFERED);
    }

    public BitstampBookIntegrity(int maxBuffered) {
        if (maxBuffered <= 0) {
            throw new IllegalArgumentException("maxBuffered must be positive: " + maxBuffered);
        }
        this.maxBuffered = maxBuffered;
    }

    /** A live diff: buffered while no valid book exists, else applied, dropped as stale, or out of order. */
    @Override
    public BookOutcome apply(OrderBook book, BookDelta d) {
        long micros = d.header().exchangeTimeMicros();
        if (book.state() != BookState.VALID) {
            buffer(d);
            return BookOutcome.BUFFERED;
        }
        if (micros == EventHeader.NO_TIME) {
            return outOfOrder(book, d); // cannot be placed in time: treat as disorder, resync
        }
        if (micros <= snapshotMicros) {
            staleDropped++;
            return BookOutcome.STALE;
        }
        if (micros < lastAppliedMicros) {
            return outOfOrder(book, d);
        }
        lastAppliedMicros = micros;
        return VenueBooks.delta(book, d);
    }

    /**
     * A REST snapshot: replaces the book, then applies the buffered diffs newer than it in
     * microtimestamp order (older or equal ones are counted in {@link #staleDropped()}).
     */
    public BookOutcome applySnapshot(OrderBook book, BookSnapshot s) {
        long micros = s.header().exchangeTimeMicros();
        if (book.state() == BookState.VALID && micros != EventHeader.NO_TIME && micros <= lastAppliedMicros) {
            // a valid book that already applied diffs up to a later time is newer than this snapshot:
            // replacing it would lose those diffs (they are not buffered), so the snapshot is dropped
            staleDropped++;
            return BookOutcome.STALE;
        }
        BookOutcome o = VenueBooks.snapshot(book, s);
        snapshotMicros = micros;
        lastAppliedMicros = micros;
        if (o != BookOutcome.APPLIED) {
            buffer.clear();
            return o;
        }
        if (micros == EventHeader.NO_TIME
                || (droppedNewestMicros != EventHeader.NO_TIME && droppedNewestMicros > micros)) {
            buffer.clear();
            droppedNewestMicros = EventHeader.NO_TIME;
            book.invalidate();
            return BookOutcome.SEQUENCE_GAP;
        }
        droppedNewestMicros = EventHeader.NO_TIME;
        buffer.sort(BY_MICROS); // stable: equal microtimestamps keep arrival order
        for (BookDelta d : buffer) {
            long m = d.header().exchangeTimeMicros();
            if (m <= micros) {
                staleDropped++;
                continue;
            }
            o = VenueBooks.levels(book, d);
            if (o != BookOutcome.APPLIED) {
                buffer.clear();
                return o;
            }
            lastAppliedMicros = m;
        }
        buffer.clear();
        return VenueBooks.verify(book);
    }

    /** {@link #applySnapshot}: the REST snapshot is this venue's full book. */
    @Override
    public BookOutcome apply(OrderBook book, BookSnapshot s) {
        return applySnapshot(book, s);
    }

    /** Diffs dropped because the snapshot already contained them (buffered or live). */
    @Override
    public long staleDropped() {
        return staleDropped;
    }

    /** Diffs dropped because the buffer was full while waiting for a snapshot. */
    public long overflowDropped() {
        return overflowDropped;
    }

    /** Diffs waiting for a snapshot. */
    public int buffered() {
        return buffer.size();
    }

    /** The microtimestamp of the snapshot the book was built from, or {@link EventHeader#NO_TIME}. */
    public long snapshotMicros() {
        return snapshotMicros;
    }

    private BookOutcome outOfOrder(OrderBook book, BookDelta d) {
        book.invalidate();
        buffer.clear();
        return BookOutcome.OUT_OF_ORDER;
    }

    private void buffer(BookDelta d) {
        if (buffer.size() == maxBuffered) {
            BookDelta oldest = buffer.remove(0);
            overflowDropped++;
            droppedNewestMicros = Math.max(droppedNewestMicros, oldest.header().exchangeTimeMicros());
        }
        buffer.add(d);
    }

    /** The buffered diffs in arrival order (for tests, diagnostics and keyed state). */
    public List<BookDelta> bufferedDiffs() {
        return List.copyOf(buffer);
    }

    // ---- keyed-state support (BookRuleSerializer) ---------------------------------------------

    public int maxBuffered() {
        return maxBuffered;
    }

    public long lastAppliedMicros() {
        return lastAppliedMicros;
    }

    public long droppedNewestMicros() {
        return droppedNewestMicros;
    }

    public static BitstampBookIntegrity restore(int maxBuffered, long snapshotMicros, long lastAppliedMicros,
            long droppedNewestMicros, long staleDropped, long overflowDropped, List<BookDelta> buffered) {
        BitstampBookIntegrity r = new BitstampBookIntegrity(maxBuffered);
        r.snapshotMicros = snapshotMicros;
        r.lastAppliedMicros = lastAppliedMicros;
        r.droppedNewestMicros = droppedNewestMicros;
        r.staleDropped = staleDropped;
        r.overflowDropped = overflowDropped;
        r.buffer.addAll(buffered);
        return r;
    }
}
