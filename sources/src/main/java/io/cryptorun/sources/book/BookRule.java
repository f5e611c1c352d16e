package io.cryptorun.sources.book;

import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.Trade;

/**
 * One venue's book integrity rule (SPEC §4) as the keyed book operator and the live source use it:
 * what a snapshot, a delta, and — for venues whose sequence space shows in them — a heartbeat or
 * a trade do to the book. {@link VenueBookRules} picks the rule by venue.
 */
public interface BookRule {

    /** A full book: replaces the book (or, for a REST-seeded venue, seeds it with the buffered diffs). */
    BookOutcome apply(OrderBook book, BookSnapshot s);

    /** An incremental change; needs a valid book (or is buffered until one exists). */
    BookOutcome apply(OrderBook book, BookDelta d);

    /** A heartbeat of the book's product; only rules that track a venue sequence look at it. */
    default BookOutcome onHeartbeat(OrderBook book, Heartbeat h) {
        return BookOutcome.APPLIED;
    }

    /** A trade of the book's product; only rules that check trade ids look at it. */
    default BookOutcome onTrade(OrderBook book, Trade t) {
        return BookOutcome.APPLIED;
    }

    /**
     * A {@link io.cryptorun.sources.model.BookReset} of the book: rules that track a venue sequence
     * forget their baselines (what was lost may include the messages they count).
     */
    default void onReset() {}

    /** The checksum this rule computed last, for a mismatch's detail; -1 for rules without a checksum. */
    default long lastComputedChecksum() {
        return -1;
    }

    /** Diffs this rule dropped because a snapshot already contained them (running total). */
    default long staleDropped() {
        return 0;
    }
}
