package io.cryptorun.sources.book;

import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.venue.bitstamp.BitstampBookIntegrity;
import io.cryptorun.sources.venue.bitstamp.BitstampParser;
import io.cryptorun.sources.venue.coinbase.AdvancedTradeSequence;
import io.cryptorun.sources.venue.coinbase.CoinbaseBookIntegrity;
import io.cryptorun.sources.venue.coinbase.CoinbaseParser;
import io.cryptorun.sources.venue.gemini.GeminiBookIntegrity;
import io.cryptorun.sources.venue.gemini.GeminiParser;
import io.cryptorun.sources.venue.kraken.KrakenBookIntegrity;
import io.cryptorun.sources.venue.kraken.KrakenV2Parser;
import java.util.List;

/**
 * Which book rule (SPEC §4) applies to a venue's books, in one place for the keyed book operator
 * and the live source:
 *
 * <table>
 *   <tr><th>venue</th><th>rule</th><th>per-book state</th><th>depth</th></tr>
 *   <tr><td>kraken</td><td>{@link KrakenBookIntegrity}: CRC32 checksum of the top 10 levels</td><td>none</td>
 *       <td>subscribed depth (10 until the ack)</td></tr>
 *   <tr><td>coinbase</td><td>{@link CoinbaseBookIntegrity}: per-product sequence and trade ids (Exchange
 *       feed); Advanced Trade's connection {@code sequence_num}, checked by {@link AdvancedTradeSequence}
 *       before the operator, arrives as {@link io.cryptorun.sources.model.BookReset}s</td>
 *       <td>baselines</td><td>full</td></tr>
 *   <tr><td>bitstamp</td><td>{@link BitstampBookIntegrity}: REST snapshot + buffered diffs by microtimestamp</td>
 *       <td>buffer</td><td>full</td></tr>
 *   <tr><td>gemini</td><td>{@link GeminiBookIntegrity}: the first {@code l2} message is the full book</td>
 *       <td>none</td><td>full</td></tr>
 * </table>
 *
 * Any other venue has no book rule: its records are not venue-native book data this project
 * knows how to verify (an aggregator's quotes, say), and the operator refuses them. Stateless
 * rules are shared by every book of one instance; per-book rules come from {@link #newPerBookRule}
 * and live in keyed state ({@link BookRuleSerializer}). Not thread-safe (the Kraken rule holds
 * the checksum scratch buffer).
 */
public final class VenueBookRules {
    /** The exchanges whose own book feeds the microstructure comes from. */
    public static final List<String> VENUES =
            List.of(KrakenV2Parser.VENUE, CoinbaseParser.VENUE, BitstampParser.VENUE, GeminiParser.VENUE);

    private final KrakenBookIntegrity kraken = new KrakenBookIntegrity();
    private final GeminiBookIntegrity gemini = new GeminiBookIntegrity();

    public static boolean isSupported(String venue) {
        return VENUES.contains(venue);
    }

    /** True when the venue's rule keeps per-book state ({@link #newPerBookRule}). */
    public static boolean keepsState(String venue) {
        return CoinbaseParser.VENUE.equals(venue) || BitstampParser.VENUE.equals(venue);
    }

    /** A fresh per-book rule for a venue that {@link #keepsState keeps state}. */
    public static BookRule newPerBookRule(String venue) {
        return switch (venue) {
            case CoinbaseParser.VENUE -> new CoinbaseBookIntegrity();
            case BitstampParser.VENUE -> new BitstampBookIntegrity();
            default -> throw new IllegalArgumentException("venue '" + venue + "' has no per-book rule state");
        };
    }

    /**
     * An empty book for a supported venue: Kraken's at its default depth (the subscribe ack sets the
     * real one), the others at {@link OrderBook#FULL_DEPTH} since they send every level and delete
     * what they drop.
     */
    public static OrderBook newBook(String venue, String symbol) {
        OrderBook book = new OrderBook(venue, symbol);
        if (!KrakenV2Parser.VENUE.equals(venue)) {
            book.setDepth(OrderBook.FULL_DEPTH);
        }
        return book;
    }

    /**
     * True for the records a venue's book rule needs: the book inputs
     * ({@link MarketEvent#isBookInput()}), plus Coinbase's product heartbeats and matches, whose
     * {@code sequence}/{@code last_trade_id} and consecutive trade ids reveal missed messages
     * ({@code level2_batch} itself carries no sequence).
     */
    public static boolean isRuleInput(MarketEvent e) {
        if (e.isBookInput()) {
            return true;
        }
        if (!CoinbaseParser.VENUE.equals(e.venue())) {
            return false;
        }
        return (e.kind() == EventKind.HEARTBEAT && e.heartbeat().sequence() != Heartbeat.NO_SEQUENCE
                && !e.symbol().isEmpty())
                || e.kind() == EventKind.TRADE;
    }

    /** The shared rule of a stateless venue, or null for a venue whose rule keeps per-book state (or none). */
    public BookRule sharedRule(String venue) {
        return switch (venue) {
            case KrakenV2Parser.VENUE -> kraken;
            case GeminiParser.VENUE -> gemini;
            default -> null;
        };
    }

    /** The checksum the Kraken rule computed last (for a mismatch's detail). */
    public long lastKrakenChecksum() {
        return kraken.lastComputed();
    }
}
