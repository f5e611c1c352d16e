package io.cryptorun.sources.book;

import io.cryptorun.sources.model.MarketEvent;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * One venue's book rule as the book layer sees it. Each venue package provides one, registered in
 * {@code META-INF/services/io.cryptorun.sources.book.VenueBookRuleProvider}; {@link VenueBookRules}
 * finds them, so the book layer names no venue and the venue packages depend on it, not the
 * other way round.
 */
public interface VenueBookRuleProvider {

    /** The venue id of its records ({@code kraken}, {@code coinbase}, …). */
    String venue();

    /** Position in {@link VenueBookRules#VENUES}, the order messages list the venues in. */
    int order();

    /**
     * The rule every book of one {@link VenueBookRules} shares, or null when the venue's rule keeps
     * per-book state ({@link #newPerBookRule}).
     */
    BookRule newSharedRule();

    /** A fresh rule for one book; only for venues without a shared rule. */
    default BookRule newPerBookRule() {
        throw new IllegalArgumentException("venue '" + venue() + "' has no per-book rule state");
    }

    /** True when the venue sends every level (a new book takes {@link OrderBook#FULL_DEPTH}). */
    boolean fullDepth();

    /**
     * Records beyond the book inputs ({@link MarketEvent#isBookInput()}) that the rule needs, e.g. a
     * venue's sequence-bearing heartbeats and its trades.
     */
    default boolean alsoNeeds(MarketEvent e) {
        return false;
    }

    /**
     * The tag of this venue's per-book rule state in {@link BookRuleSerializer}'s format (a stable
     * number, never reused), or 0 when the venue keeps no per-book state.
     */
    default int stateTag() {
        return 0;
    }

    /** Writes a per-book rule of this venue (after the tag). */
    default void writeState(BookRule rule, DataOutputView out) throws IOException {
        throw new IllegalArgumentException("venue '" + venue() + "' keeps no book rule state");
    }

    /** Reads what {@link #writeState} wrote. */
    default BookRule readState(DataInputView in) throws IOException {
        throw new IllegalArgumentException("venue '" + venue() + "' keeps no book rule state");
    }

    /** True when {@code rule} is this venue's per-book rule (the serializer picks the provider by it). */
    default boolean ownsState(BookRule rule) {
        return false;
    }
}
