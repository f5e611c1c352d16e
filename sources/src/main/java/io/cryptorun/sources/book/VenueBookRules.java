package io.cryptorun.sources.book;

import io.cryptorun.sources.model.MarketEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Which book rule (SPEC §4) applies to a venue's books, in one place for the keyed book operator
 * and the live source. Each venue package says it with a {@link VenueBookRuleProvider}:
 *
 * <table>
 *   <tr><th>venue</th><th>rule</th><th>per-book state</th><th>depth</th></tr>
 *   <tr><td>kraken</td><td>CRC32 checksum of the top 10 levels</td><td>none</td>
 *       <td>subscribed depth (10 until the ack)</td></tr>
 *   <tr><td>coinbase</td><td>per-product sequence and trade ids (Exchange feed); Advanced Trade's
 *       connection {@code sequence_num}, checked before the operator, arrives as
 *       {@link io.cryptorun.sources.model.BookReset}s</td><td>baselines</td><td>full</td></tr>
 *   <tr><td>bitstamp</td><td>REST snapshot + buffered diffs by microtimestamp</td><td>buffer</td><td>full</td></tr>
 *   <tr><td>gemini</td><td>the first {@code l2} message is the full book</td><td>none</td><td>full</td></tr>
 * </table>
 *
 * Any other venue has no book rule: its records are not venue-native book data this project
 * knows how to verify (an aggregator's quotes, say), and the operator refuses them. Stateless
 * rules are shared by every book of one instance; per-book rules come from {@link #newPerBookRule}
 * and live in keyed state ({@link BookRuleSerializer}). Not thread-safe (the Kraken rule holds
 * the checksum scratch buffer).
 */
public final class VenueBookRules {
    /** The providers by venue, in their {@link VenueBookRuleProvider#order order}. */
    private static final Map<String, VenueBookRuleProvider> PROVIDERS = load();

    /** The exchanges whose own book feeds the microstructure comes from. */
    public static final List<String> VENUES = List.copyOf(PROVIDERS.keySet());

    private final Map<String, BookRule> shared = new HashMap<>();

    public VenueBookRules() {
        for (VenueBookRuleProvider p : PROVIDERS.values()) {
            BookRule rule = p.newSharedRule();
            if (rule != null) shared.put(p.venue(), rule);
        }
    }

    private static Map<String, VenueBookRuleProvider> load() {
        List<VenueBookRuleProvider> found = new ArrayList<>();
        ServiceLoader.load(VenueBookRuleProvider.class, VenueBookRuleProvider.class.getClassLoader()).forEach(found::add);
        if (found.isEmpty()) {
            throw new IllegalStateException("no venue book rules on the class path (META-INF/services/"
                    + VenueBookRuleProvider.class.getName() + " is missing from the jar)");
        }
        found.sort(Comparator.comparingInt(VenueBookRuleProvider::order));
        Map<String, VenueBookRuleProvider> byVenue = new LinkedHashMap<>();
        Map<Integer, String> tags = new HashMap<>();
        for (VenueBookRuleProvider p : found) {
            if (byVenue.putIfAbsent(p.venue(), p) != null) {
                throw new IllegalStateException("two book rules for venue " + p.venue());
            }
            if (p.stateTag() != 0 && tags.putIfAbsent(p.stateTag(), p.venue()) != null) {
                throw new IllegalStateException("book rule state tag " + p.stateTag() + " used by " + tags.get(p.stateTag())
                        + " and " + p.venue());
            }
        }
        return byVenue;
    }

    /** The provider of a venue, or null. */
    static VenueBookRuleProvider provider(String venue) {
        return PROVIDERS.get(venue);
    }

    /** Every provider, in order. */
    static Iterable<VenueBookRuleProvider> providers() {
        return PROVIDERS.values();
    }

    public static boolean isSupported(String venue) {
        return PROVIDERS.containsKey(venue);
    }

    /** True when the venue's rule keeps per-book state ({@link #newPerBookRule}). */
    public static boolean keepsState(String venue) {
        VenueBookRuleProvider p = PROVIDERS.get(venue);
        return p != null && p.stateTag() != 0;
    }

    /** A fresh per-book rule for a venue that {@link #keepsState keeps state}. */
    public static BookRule newPerBookRule(String venue) {
        VenueBookRuleProvider p = PROVIDERS.get(venue);
        if (p == null) throw new IllegalArgumentException("venue '" + venue + "' has no book rule");
        return p.newPerBookRule();
    }

    /**
     * An empty book for a supported venue: Kraken's at its default depth (the subscribe ack sets the
     * real one), the others at {@link OrderBook#FULL_DEPTH} since they send every level and delete
     * what they drop.
     */
    public static OrderBook newBook(String venue, String symbol) {
        OrderBook book = new OrderBook(venue, symbol);
        VenueBookRuleProvider p = PROVIDERS.get(venue);
        if (p == null || p.fullDepth()) {
            book.setDepth(OrderBook.FULL_DEPTH);
        }
        return book;
    }

    /**
     * True for the records a venue's book rule needs: the book inputs
     * ({@link MarketEvent#isBookInput()}), plus what the venue's rule also reads (Coinbase's product
     * heartbeats and matches, whose {@code sequence}/{@code last_trade_id} and consecutive trade ids
     * reveal missed messages: {@code level2_batch} itself carries no sequence).
     */
    public static boolean isRuleInput(MarketEvent e) {
        if (e.isBookInput()) {
            return true;
        }
        VenueBookRuleProvider p = PROVIDERS.get(e.venue());
        return p != null && p.alsoNeeds(e);
    }

    /** The shared rule of a stateless venue, or null for a venue whose rule keeps per-book state (or none). */
    public BookRule sharedRule(String venue) {
        return shared.get(venue);
    }

    /** The checksum the venue's shared rule computed last (for a mismatch's detail), or -1. */
    public long lastChecksum(String venue) {
        BookRule rule = shared.get(venue);
        return rule == null ? -1 : rule.lastComputedChecksum();
    }
}
