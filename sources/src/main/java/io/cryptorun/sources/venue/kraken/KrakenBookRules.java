package io.cryptorun.sources.venue.kraken;

import io.cryptorun.sources.book.BookRule;
import io.cryptorun.sources.book.VenueBookRuleProvider;

/** Kraken v2: the CRC32 checksum of the top 10 levels, no per-book state, the subscribed depth. */
public final class KrakenBookRules implements VenueBookRuleProvider {
    @Override
    public String venue() {
        return KrakenV2Parser.VENUE;
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public BookRule newSharedRule() {
        return new KrakenBookIntegrity();
    }

    @Override
    public boolean fullDepth() {
        return false; // 10 until the subscribe ack says the real depth
    }
}
