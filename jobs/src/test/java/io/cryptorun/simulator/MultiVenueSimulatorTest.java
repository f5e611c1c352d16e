package io.cryptorun.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.BookRule;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.book.VenueBookRules;
import io.cryptorun.sources.fixture.FixtureLineDecoder;
import io.cryptorun.sources.fixture.LineDecoder;
import io.cryptorun.sources.fixture.LineOutput;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator renders one market for Kraken, Coinbase, Bitstamp and Gemini in each venue's
 * native frames. Replayed through the real fixture decoder and each venue's book rule, every
 * book of every venue is valid throughout (no gap, no crossed book, Bitstamp diffs buffered until
 * the REST snapshot), the full-depth venues' books hold exactly the venue's 25 levels (every level
 * the venue drops is deleted on the wire), the venues agree on the price, and adding venues leaves
 * the Kraken bytes as they were.
 */
class MultiVenueSimulatorTest {
    static final SimConfig CONFIG = new SimConfig(7, 3, 1, 0, SimConfig.parseStart(SimConfig.DEFAULT_START));
    /** The bundled multi-venue fixture's venues (Coinbase Advanced Trade has its own tests: AdvancedTradeReplayTest). */
    static final MarketSimulator.Venues ALL = new MarketSimulator.Venues(
            List.of(SimVenue.KRAKEN, SimVenue.COINBASE, SimVenue.BITSTAMP, SimVenue.GEMINI), 10);

    @TempDir
    static Path dir;
    static MarketSimulator.Result result;

    @BeforeAll
    static void simulate() throws Exception {
        result = new MarketSimulator(CONFIG, ALL).writeTo(dir.resolve("all"));
    }

    /** Books of one replay, by {@code venue|symbol}, with what the rules said. */
    static final class Replayed {
        final Map<String, OrderBook> books = new TreeMap<>();
        final Map<String, BookRule> perBook = new TreeMap<>();
        final Map<String, Long> outcomes = new TreeMap<>();
        final List<String> problems = new ArrayList<>();
        long staleDropped;
        long updates;
        long heartbeats;
        long trades;
        int maxLevels;
    }

    /** Decodes every line as the replay source does and applies the venue's rule (not Kraken, whose rule needs the instrument). */
    static Replayed replay(Path file) throws Exception {
        Replayed r = new Replayed();
        VenueBookRules rules = new VenueBookRules();
        LineDecoder.FileDecoder<MarketEvent> decoder =
                new FixtureLineDecoder(FixtureLineDecoder.DEFAULT_MAX_FRAME_BYTES).createReaderDecoder().openFile(file.toString());
        List<MarketEvent> events = new ArrayList<>();
        LineOutput<MarketEvent> out = LineOutput.to(events::add);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                events.clear();
                decoder.decode(line, ++n, out);
                for (MarketEvent e : events) {
                    apply(r, rules, e);
                }
            }
        }
        return r;
    }

    private static void apply(Replayed r, VenueBookRules rules, MarketEvent e) {
        if (e.kind() == EventKind.QUARANTINE) {
            r.problems.add("quarantined: " + e.quarantine());
            return;
        }
        if (e.kind() == EventKind.TRADE) r.trades++;
        if (e.kind() == EventKind.HEARTBEAT) r.heartbeats++;
        if (!VenueBookRules.isRuleInput(e) || e.venue().equals("kraken")) return;
        String key = e.venue() + "|" + e.symbol();
        OrderBook book = r.books.computeIfAbsent(key, k -> VenueBookRules.newBook(e.venue(), e.symbol()));
        BookRule rule = rules.sharedRule(e.venue());
        if (rule == null) rule = r.perBook.computeIfAbsent(key, k -> VenueBookRules.newPerBookRule(e.venue()));
        long stale = rule.staleDropped();
        BookOutcome o = switch (e.kind()) {
            case BOOK_SNAPSHOT -> rule.apply(book, e.snapshot());
            case BOOK_DELTA -> {
                r.updates++;
                yield rule.apply(book, e.delta());
            }
            case HEARTBEAT -> rule.onHeartbeat(book, e.heartbeat());
            case TRADE -> rule.onTrade(book, e.trade());
            default -> BookOutcome.APPLIED;
        };
        r.staleDropped += rule.staleDropped() - stale;
        r.outcomes.merge(o.name(), 1L, Long::sum);
        if (o != BookOutcome.APPLIED && o != BookOutcome.BUFFERED) {
            r.problems.add(key + " " + o + " at " + e.header());
        }
        if (book.isValid()) {
            r.maxLevels = Math.max(r.maxLevels, Math.max(book.bidCount(), book.askCount()));
            if (book.bidCount() == 0 || book.askCount() == 0) r.problems.add(key + " one-sided at " + e.header());
        }
    }

    @Test
    void everyVenueReplaysToValidBooksUnderItsOwnRule() throws Exception {
        for (String venue : List.of("coinbase", "bitstamp", "gemini")) {
            Replayed r = replay(dir.resolve("all").resolve(venue + "-0.jsonl.gz"));
            assertThat(r.problems).as(venue).isEmpty();
            assertThat(r.books).as(venue).hasSize(3).allSatisfy((k, b) -> assertThat(b.isValid()).as(k).isTrue());
            // the venue's book is 25 deep and every level it drops is deleted: the client never holds more
            assertThat(r.maxLevels).as(venue).isEqualTo(SimBook.DEPTH);
            assertThat(r.updates).as(venue).isGreaterThan(1000);
            assertThat(r.trades).as(venue).isGreaterThan(100);
            switch (venue) {
                case "coinbase" -> assertThat(r.heartbeats).as("one heartbeat per product per second").isBetween(3 * 590L, 3 * 600L);
                // diffs from before the REST snapshot were buffered, those older than it dropped
                case "bitstamp" -> {
                    assertThat(r.outcomes.get("BUFFERED")).isPositive();
                    assertThat(r.staleDropped).isPositive();
                }
                default -> { }
            }
        }
    }

    @Test
    void venuesTradeTheSameMarket() throws Exception {
        Map<String, Double> mids = new TreeMap<>();
        for (String venue : List.of("coinbase", "bitstamp", "gemini")) {
            Replayed r = replay(dir.resolve("all").resolve(venue + "-0.jsonl.gz"));
            OrderBook b = r.books.get(venue + "|BTC/USD");
            mids.put(venue, (b.bidPrice(0) + b.askPrice(0)) / 2.0 / Math.pow(10, b.priceScale()));
        }
        double lo = mids.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = mids.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat((hi - lo) / lo).as(mids.toString()).isLessThan(0.002);
    }

    @Test
    void addingVenuesLeavesTheKrakenBytesAsTheyWere() throws Exception {
        MarketSimulator.Result krakenOnly = new MarketSimulator(CONFIG, new MarketSimulator.Venues(List.of(SimVenue.KRAKEN), 10))
                .writeTo(dir.resolve("kraken-only"));
        assertThat(Files.mismatch(dir.resolve("kraken-only/kraken-0.jsonl.gz"), dir.resolve("all/kraken-0.jsonl.gz"))).isEqualTo(-1L);
        assertThat(krakenOnly.manifest().venues()).containsExactly("kraken");
        assertThat(result.manifest().venues()).containsExactly("bitstamp", "coinbase", "gemini", "kraken");
        assertThat(result.manifest().generator()).endsWith(" --venues kraken,coinbase,bitstamp,gemini --frame-minutes 10");
        // the frame-period limit: nothing received after 10 minutes
        assertThat(result.manifest().lastTs()).isLessThan(CONFIG.startMicros() + 10 * Times.MINUTE);
    }

    @Test
    void sameOptionsSameBytes() throws Exception {
        MarketSimulator.Result again = new MarketSimulator(CONFIG, ALL).writeTo(dir.resolve("again"));
        assertThat(again.manifest().files()).extracting(Manifest.FileEntry::sha256)
                .containsExactlyElementsOf(result.manifest().files().stream().map(Manifest.FileEntry::sha256).toList());
        assertThat(result.manifest().files()).filteredOn(f -> f.path().startsWith("bitstamp"))
                .singleElement().satisfies(f -> assertThat(f.conns()).contains("bitstamp-0", "bitstamp-0#rest:btcusd"));
    }

    @Test
    void venueListIsValidated() {
        assertThat(SimVenue.parseList("gemini, Kraken,gemini")).containsExactly(SimVenue.GEMINI, SimVenue.KRAKEN);
        assertThatThrownBy(() -> SimVenue.parseList("kraken,coingecko")).hasMessageContaining("unknown venue 'coingecko'");
        assertThatThrownBy(() -> new MarketSimulator(CONFIG, new MarketSimulator.Venues(List.of(SimVenue.KRAKEN), 61)))
                .hasMessageContaining("exceeds --hours");
    }
}
