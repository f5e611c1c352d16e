package io.cryptorun.sources.venue.coinbase;

import io.cryptorun.sources.book.BookRule;
import io.cryptorun.sources.book.VenueBookRuleProvider;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.MarketEvent;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Coinbase: per-product sequence and trade-id baselines ({@link CoinbaseBookIntegrity}, per-book
 * state), every level. {@code level2_batch} carries no sequence, so the rule also reads the
 * product's sequence-bearing heartbeats and its matches, whose consecutive trade ids reveal missed
 * messages. Advanced Trade's connection {@code sequence_num} is checked before the book operator
 * ({@link AdvancedTradeSequence}) and arrives as book resets.
 */
public final class CoinbaseBookRules implements VenueBookRuleProvider {
    /** State tag in BookRuleSerializer's format (stable). */
    static final int STATE_TAG = 1;

    @Override
    public String venue() {
        return CoinbaseParser.VENUE;
    }

    @Override
    public int order() {
        return 2;
    }

    @Override
    public BookRule newSharedRule() {
        return null;
    }

    @Override
    public BookRule newPerBookRule() {
        return new CoinbaseBookIntegrity();
    }

    @Override
    public boolean fullDepth() {
        return true;
    }

    @Override
    public boolean alsoNeeds(MarketEvent e) {
        return (e.kind() == EventKind.HEARTBEAT && e.heartbeat().sequence() != Heartbeat.NO_SEQUENCE
                && !e.symbol().isEmpty())
                || e.kind() == EventKind.TRADE;
    }

    @Override
    public int stateTag() {
        return STATE_TAG;
    }

    @Override
    public boolean ownsState(BookRule rule) {
        return rule instanceof CoinbaseBookIntegrity;
    }

    @Override
    public void writeState(BookRule rule, DataOutputView out) throws IOException {
        CoinbaseBookIntegrity c = (CoinbaseBookIntegrity) rule;
        out.writeLong(c.lastSequence());
        out.writeLong(c.lastTradeId());
        out.writeLong(c.gaps());
    }

    @Override
    public BookRule readState(DataInputView in) throws IOException {
        return CoinbaseBookIntegrity.restore(in.readLong(), in.readLong(), in.readLong());
    }
}
