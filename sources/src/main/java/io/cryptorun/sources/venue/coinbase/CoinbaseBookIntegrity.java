package io.cryptorun.sources.venue.coinbase;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.BookRule;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.book.VenueBooks;
import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.Trade;

/**
 * Coinbase Exchange rules for one product's book. A {@code snapshot} replaces the book,
 * {@code l2update}s need a valid book. The Exchange feed's {@code level2_batch} messages carry no
 * {@code sequence}; the product's sequence space is observed through the messages that do carry
 * one on the same connection:
 *
 * <ul>
 *   <li>{@code heartbeat}: {@code sequence} must never go backwards (equal is fine: a quiet
 *       second), and its {@code last_trade_id} must not be ahead of the last {@code match}
 *       seen (once one was seen) — otherwise matches were dropped;</li>
 *   <li>{@code match}: {@code trade_id}s of a product are consecutive, so after the first one each
 *       must be the previous + 1.</li>
 * </ul>
 *
 * Any of these is a gap: {@link BookOutcome#SEQUENCE_GAP}, the book is invalid (deltas refused with
 * {@link BookOutcome#BOOK_INVALID}) until the next snapshot, which restarts the tracking (a resync
 * is a new subscription, so the sequence baselines are new too). The trade-id check assumes the
 * product's {@code matches} and {@code heartbeat} arrive on one connection, as the source shards
 * by product. The Advanced Trade feed's books share this rule: its connection-level
 * {@code sequence_num} check ({@link AdvancedTradeSequence}) reaches the book as a
 * {@link io.cryptorun.sources.model.BookReset}, after which {@link #onReset} drops the baselines
 * (as after any reset: the next snapshot is a new subscription). One instance per book (it holds
 * that product's baselines); not thread-safe.
 */
public final class CoinbaseBookIntegrity implements BookRule {
    private long lastSequence = Heartbeat.NO_SEQUENCE;
    private long lastTradeId = Heartbeat.NO_SEQUENCE;
    private long gaps;

    @Override
    public BookOutcome apply(OrderBook book, BookSnapshot s) {
        lastSequence = Heartbeat.NO_SEQUENCE;
        lastTradeId = Heartbeat.NO_SEQUENCE;
        return VenueBooks.snapshot(book, s);
    }

    @Override
    public BookOutcome apply(OrderBook book, BookDelta d) {
        return VenueBooks.deltaIfValid(book, d);
    }

    /** Checks a heartbeat of this product against the sequence and trade-id baselines. */
    @Override
    public BookOutcome onHeartbeat(OrderBook book, Heartbeat h) {
        boolean gap = false;
        if (h.sequence() != Heartbeat.NO_SEQUENCE) {
            if (lastSequence != Heartbeat.NO_SEQUENCE && h.sequence() < lastSequence) {
                gap = true;
            }
            lastSequence = Math.max(lastSequence, h.sequence());
        }
        if (h.lastTradeId() != Heartbeat.NO_SEQUENCE && lastTradeId != Heartbeat.NO_SEQUENCE
                && h.lastTradeId() > lastTradeId) {
            gap = true;
        }
        return gap ? gap(book) : BookOutcome.APPLIED;
    }

    /** Checks a match of this product: trade ids are consecutive. */
    @Override
    public BookOutcome onTrade(OrderBook book, Trade t) {
        long id = parseId(t.tradeId());
        if (id < 0) {
            return BookOutcome.APPLIED; // not a numeric id: nothing to check
        }
        boolean gap = lastTradeId != Heartbeat.NO_SEQUENCE && id != lastTradeId + 1;
        lastTradeId = id;
        return gap ? gap(book) : BookOutcome.APPLIED;
    }

    /** A book reset: what was lost may include matches and heartbeats, so the baselines start afresh. */
    @Override
    public void onReset() {
        lastSequence = Heartbeat.NO_SEQUENCE;
        lastTradeId = Heartbeat.NO_SEQUENCE;
    }

    /** Gaps seen since this instance was created (for the sequence-gap metric). */
    public long gaps() {
        return gaps;
    }

    // ---- keyed-state support (BookRuleSerializer) ---------------------------------------------

    public long lastSequence() {
        return lastSequence;
    }

    public long lastTradeId() {
        return lastTradeId;
    }

    public static CoinbaseBookIntegrity restore(long lastSequence, long lastTradeId, long gaps) {
        CoinbaseBookIntegrity r = new CoinbaseBookIntegrity();
        r.lastSequence = lastSequence;
        r.lastTradeId = lastTradeId;
        r.gaps = gaps;
        return r;
    }

    private BookOutcome gap(OrderBook book) {
        gaps++;
        book.invalidate();
        lastSequence = Heartbeat.NO_SEQUENCE;
        lastTradeId = Heartbeat.NO_SEQUENCE;
        return BookOutcome.SEQUENCE_GAP;
    }

    private static long parseId(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) return -1;
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
