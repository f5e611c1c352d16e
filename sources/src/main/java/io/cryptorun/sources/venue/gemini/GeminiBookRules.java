package io.cryptorun.sources.venue.gemini;

import io.cryptorun.sources.book.BookRule;
import io.cryptorun.sources.book.VenueBookRuleProvider;

/** Gemini v2 {@code l2}: the first message is the full book, no per-book state, every level. */
public final class GeminiBookRules implements VenueBookRuleProvider {
    @Override
    public String venue() {
        return GeminiParser.VENUE;
    }

    @Override
    public int order() {
        return 4;
    }

    @Override
    public BookRule newSharedRule() {
        return new GeminiBookIntegrity();
    }

    @Override
    public boolean fullDepth() {
        return true;
    }
}
