package io.cryptorun.sources.venue.kraken;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.OrderBook;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;
import io.cryptorun.sources.model.EventHeader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class KrakenBookChecksumTest {

    /** The BTC/USD snapshot from Kraken's "Book checksum (WebSocket v2)" guide. */
    static final String[][] GUIDE_ASKS = {
        {"45285.2", "0.00100000"}, {"45286.4", "1.54571953"}, {"45286.6", "1.54571109"}, {"45289.6", "1.54560911"},
        {"45290.2", "0.15890660"}, {"45291.8", "1.54553491"}, {"45294.7", "0.04454749"}, {"45296.1", "0.35380000"},
        {"45297.5", "0.09945542"}, {"45299.5", "0.18772827"},
    };
    static final String[][] GUIDE_BIDS = {
        {"45283.5", "0.10000000"}, {"45283.4", "1.54582015"}, {"45282.1", "0.10000000"}, {"45281.0", "0.10000000"},
        {"45280.3", "1.54592586"}, {"45279.0", "0.07990000"}, {"45277.6", "0.03310103"}, {"45277.5", "0.30000000"},
        {"45277.3", "1.54602737"}, {"45276.6", "0.15445238"},
    };

    static OrderBook guideBook() {
        OrderBook b = new OrderBook("kraken", "BTC/USD");
        b.setPrecision(1, 8);
        for (String[] l : GUIDE_BIDS) b.setBid(Decimal.parse(l[0]).unscaledAt(1), Decimal.parse(l[1]).unscaledAt(8));
        for (String[] l : GUIDE_ASKS) b.setAsk(Decimal.parse(l[0]).unscaledAt(1), Decimal.parse(l[1]).unscaledAt(8));
        return b;
    }

    @Test
    void guideExampleYields3310070434() {
        assertThat(new KrakenBookChecksum().compute(guideBook())).isEqualTo(3310070434L);
    }

    @Test
    void digitCountMatchesDecimalText() {
        java.util.Random r = new java.util.Random(3);
        long[] edges = {0, 1, 9, 10, 99, 100, 999_999_999L, 1_000_000_000L, Long.MAX_VALUE};
        for (long v : edges) assertThat(KrakenBookChecksum.digitCount(v)).as("%d", v).isEqualTo(Long.toString(v).length());
        for (int i = 0; i < 100_000; i++) {
            long v = (r.nextLong() >>> 1) >>> r.nextInt(63);
            assertThat(KrakenBookChecksum.digitCount(v)).as("%d", v).isEqualTo(Long.toString(v).length());
        }
    }

    @Test
    void guideExampleThroughIntegrityRulesIsValid() {
        OrderBook b = new OrderBook("kraken", "BTC/USD");
        b.setPrecision(1, 8);
        BookOutcome o = new KrakenBookIntegrity().apply(b, snapshot(GUIDE_BIDS, GUIDE_ASKS, 3310070434L));
        assertThat(o).isEqualTo(BookOutcome.APPLIED);
        assertThat(b.isValid()).isTrue();
        assertThat(b.bidPrice(0)).isEqualTo(452835);
        assertThat(b.askPrice(0)).isEqualTo(452852);
    }

    @Test
    void tamperedChecksumInvalidatesUntilNextSnapshot() {
        OrderBook b = new OrderBook("kraken", "BTC/USD");
        b.setPrecision(1, 8);
        KrakenBookIntegrity rules = new KrakenBookIntegrity();
        assertThat(rules.apply(b, snapshot(GUIDE_BIDS, GUIDE_ASKS, 3310070435L))).isEqualTo(BookOutcome.CHECKSUM_MISMATCH);
        assertThat(b.isValid()).isFalse();
        BookDelta d = new BookDelta(hdr(), 1, 8, new long[] {452835}, new long[] {0}, new long[0], new long[0], 0);
        assertThat(rules.apply(b, d)).isEqualTo(BookOutcome.BOOK_INVALID);
        assertThat(rules.apply(b, snapshot(GUIDE_BIDS, GUIDE_ASKS, 3310070434L))).isEqualTo(BookOutcome.APPLIED);
        assertThat(b.isValid()).isTrue();
    }

    @Test
    void deltaBeforeSnapshotAndWithoutInstrumentAreRefused() {
        KrakenBookIntegrity rules = new KrakenBookIntegrity();
        OrderBook b = new OrderBook("kraken", "BTC/USD");
        BookDelta d = new BookDelta(hdr(), 1, 8, new long[] {452835}, new long[] {1}, new long[0], new long[0], 0);
        assertThat(rules.apply(b, d)).isEqualTo(BookOutcome.INSTRUMENT_UNKNOWN);
        b.setPrecision(1, 8);
        assertThat(rules.apply(b, d)).isEqualTo(BookOutcome.BEFORE_SNAPSHOT);
    }

    @Test
    void crossedBookIsInvalid() {
        OrderBook b = new OrderBook("kraken", "BTC/USD");
        b.setPrecision(1, 8);
        KrakenBookIntegrity rules = new KrakenBookIntegrity();
        rules.apply(b, snapshot(GUIDE_BIDS, GUIDE_ASKS, BookSnapshot.NO_CHECKSUM));
        // a bid above the best ask
        BookDelta d = new BookDelta(hdr(), 1, 8, new long[] {452900}, new long[] {100000000}, new long[0], new long[0],
                BookSnapshot.NO_CHECKSUM);
        assertThat(rules.apply(b, d)).isEqualTo(BookOutcome.CROSSED);
        assertThat(b.isValid()).isFalse();
    }

    @Test
    void valuesFinerThanInstrumentPrecisionAreRefused() {
        OrderBook b = new OrderBook("kraken", "BTC/USD");
        b.setPrecision(1, 8);
        BookSnapshot s = new BookSnapshot(hdr(), 2, 8, new long[] {4528351}, new long[] {1}, new long[] {4528520},
                new long[] {1}, BookSnapshot.NO_CHECKSUM);
        assertThat(new KrakenBookIntegrity().apply(b, s)).isEqualTo(BookOutcome.PRECISION_EXCEEDED);
    }

    /**
     * Random multi-step update sequences, checked against an independent model: a TreeMap book
     * and the guide's algorithm spelled out with strings (format at precision, drop '.', strip
     * leading zeros, CRC32). Each step also carries the model's checksum, as the venue would.
     */
    @Test
    void multiStepUpdatesMatchReferenceModel() {
        Random r = new Random(7);
        for (int run = 0; run < 200; run++) {
            int depth = new int[] {10, 25, 100}[r.nextInt(3)];
            int pp = 1 + r.nextInt(4);
            int qp = 4 + r.nextInt(5);
            OrderBook book = new OrderBook("kraken", "X/USD");
            book.setPrecision(pp, qp);
            book.setDepth(depth);
            TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
            TreeMap<Long, Long> asks = new TreeMap<>();
            long mid = 100_000 + r.nextInt(1000);
            for (int i = 0; i < depth; i++) {
                bids.put(mid - 1 - i * 3L - r.nextInt(2), 1 + (long) r.nextInt(1_000_000));
                asks.put(mid + 1 + i * 3L + r.nextInt(2), 1 + (long) r.nextInt(1_000_000));
            }
            truncate(bids, depth);
            truncate(asks, depth);
            KrakenBookIntegrity rules = new KrakenBookIntegrity();
            BookSnapshot snap = new BookSnapshot(hdr(), pp, qp, keys(bids), vals(bids), keys(asks), vals(asks),
                    reference(bids, asks, pp, qp));
            assertThat(rules.apply(book, snap)).isEqualTo(BookOutcome.APPLIED);
            for (int step = 0; step < 100; step++) {
                int k = 1 + r.nextInt(5);
                List<long[]> bl = new ArrayList<>();
                List<long[]> al = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    boolean bid = r.nextBoolean();
                    TreeMap<Long, Long> side = bid ? bids : asks;
                    long best = bid ? (asks.isEmpty() ? mid : asks.firstKey()) : (bids.isEmpty() ? mid : bids.firstKey());
                    long price = bid ? best - 1 - r.nextInt(depth * 4) : best + 1 + r.nextInt(depth * 4);
                    if (price <= 0) continue;
                    long qty = r.nextInt(4) == 0 || (side.containsKey(price) && r.nextBoolean()) ? 0 : 1 + r.nextInt(1_000_000);
                    if (qty == 0 && !side.isEmpty() && r.nextBoolean()) {
                        price = new ArrayList<>(side.keySet()).get(r.nextInt(side.size()));
                    }
                    (bid ? bl : al).add(new long[] {price, qty});
                    if (qty == 0) side.remove(price); else side.put(price, qty);
                }
                truncate(bids, depth);
                truncate(asks, depth);
                BookDelta d = new BookDelta(hdr(), pp, qp, col(bl, 0), col(bl, 1), col(al, 0), col(al, 1),
                        reference(bids, asks, pp, qp));
                assertThat(rules.apply(book, d)).as("run %d step %d", run, step).isEqualTo(BookOutcome.APPLIED);
                assertThat(book.bidCount()).isEqualTo(bids.size());
                assertThat(book.askCount()).isEqualTo(asks.size());
                int i = 0;
                for (Map.Entry<Long, Long> e : bids.entrySet()) {
                    assertThat(book.bidPrice(i)).isEqualTo(e.getKey());
                    assertThat(book.bidQty(i++)).isEqualTo(e.getValue());
                }
            }
        }
    }

    private static void truncate(TreeMap<Long, Long> side, int depth) {
        while (side.size() > depth) side.pollLastEntry();
    }

    /** The guide's algorithm, literally, on strings. */
    static long reference(TreeMap<Long, Long> bids, TreeMap<Long, Long> asks, int pp, int qp) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (Map.Entry<Long, Long> e : asks.entrySet()) {
            if (n++ == 10) break;
            sb.append(render(e.getKey(), pp)).append(render(e.getValue(), qp));
        }
        n = 0;
        for (Map.Entry<Long, Long> e : bids.entrySet()) {
            if (n++ == 10) break;
            sb.append(render(e.getKey(), pp)).append(render(e.getValue(), qp));
        }
        CRC32 crc = new CRC32();
        crc.update(sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    private static String render(long unscaled, int precision) {
        String text = BigDecimal.valueOf(unscaled, precision).setScale(precision, RoundingMode.UNNECESSARY).toPlainString();
        return text.replace(".", "").replaceFirst("^0+", "");
    }

    static BookSnapshot snapshot(String[][] bids, String[][] asks, long checksum) {
        long[][] b = levels(bids, 1, 8);
        long[][] a = levels(asks, 1, 8);
        return new BookSnapshot(hdr(), 1, 8, b[0], b[1], a[0], a[1], checksum);
    }

    private static long[][] levels(String[][] ls, int pp, int qp) {
        long[][] out = new long[2][ls.length];
        for (int i = 0; i < ls.length; i++) {
            out[0][i] = Decimal.parse(ls[i][0]).unscaledAt(pp);
            out[1][i] = Decimal.parse(ls[i][1]).unscaledAt(qp);
        }
        return out;
    }

    private static long[] keys(TreeMap<Long, Long> m) {
        return m.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] vals(TreeMap<Long, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] col(List<long[]> l, int c) {
        return l.stream().mapToLong(x -> x[c]).toArray();
    }

    static EventHeader hdr() {
        return new EventHeader("kraken", "BTC/USD", EventHeader.NO_TIME, 1_700_000_000_000_000L, "c1", 0);
    }
}
