package io.cryptorun.sources.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.QuarantineReason;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The common-scale pass of {@link BookSides} (one price scale and one qty scale per message, the
 * largest any level used), on both its paths — every level already at the common scale (a copy)
 * and mixed scales (rescaled) — against {@link BigDecimal} arithmetic as the independent truth,
 * overflow included.
 */
class BookSidesTest {
    private static final EventHeader H = new EventHeader("kraken", "BTC/USD", 1, 2, "c", 3);

    @Test
    void sameScalesAreCopiedExactly() throws BadFrame {
        BookSides s = new BookSides();
        s.bids.add(4528510, 2, 150000000, 8);
        s.bids.add(4528490, 2, 0, 8);
        BookDelta d = s.delta(H);
        assertThat(d.priceScale()).isEqualTo(2);
        assertThat(d.qtyScale()).isEqualTo(8);
        assertThat(d.bidPrices()).containsExactly(4528510, 4528490);
        assertThat(d.bidQtys()).containsExactly(150000000, 0);
        assertThat(d.askPrices()).isEmpty();
        assertThat(d.askQtys()).isEmpty();
    }

    @Test
    void aResetForgetsTheScalesOfTheLastMessage() throws BadFrame {
        BookSides s = new BookSides();
        s.asks.add(5, 9, 1, 12);
        s.delta(H);
        s.reset();
        s.asks.add(45, 1, 2, 0);
        BookDelta d = s.delta(H);
        assertThat(d.priceScale()).isEqualTo(1);
        assertThat(d.qtyScale()).isZero();
        assertThat(d.askPrices()).containsExactly(45);
        assertThat(d.askQtys()).containsExactly(2);
    }

    @Test
    void valuesThatOverflowTheCommonScaleRejectTheFrame() {
        BookSides s = new BookSides();
        s.bids.add(Long.MAX_VALUE / 10 + 1, 0, 1, 0); // fits at scale 0, not at scale 1
        s.asks.add(5, 1, 1, 0);
        assertThatThrownBy(() -> s.delta(H)).isInstanceOf(BadFrame.class)
                .satisfies(e -> assertThat(((BadFrame) e).reason()).isEqualTo(QuarantineReason.INVALID_NUMBER));
    }

    @Test
    void randomMessagesMatchBigDecimal() throws BadFrame {
        SplittableRandom r = new SplittableRandom(7);
        BookSides s = new BookSides();
        int rejected = 0;
        int copied = 0;
        for (int k = 0; k < 20_000; k++) {
            s.reset();
            boolean same = r.nextBoolean();
            int nb = r.nextInt(4);
            int na = r.nextInt(4);
            long[][] b = levels(r, nb, same);
            long[][] a = levels(r, na, same);
            for (long[] l : b) s.bids.add(l[0], (int) l[1], l[2], (int) l[3]);
            for (long[] l : a) s.asks.add(l[0], (int) l[1], l[2], (int) l[3]);
            int ps = 0;
            int qs = 0;
            for (long[][] side : new long[][][] {b, a}) {
                for (long[] l : side) {
                    ps = Math.max(ps, (int) l[1]);
                    qs = Math.max(qs, (int) l[3]);
                }
            }
            boolean fits = fitsAll(b, ps, qs) && fitsAll(a, ps, qs);
            if (!fits) {
                rejected++;
                assertThatThrownBy(() -> s.delta(H)).isInstanceOf(BadFrame.class);
                continue;
            }
            if (same) copied++;
            BookDelta d = s.delta(H);
            assertThat(d.header()).isSameAs(H);
            assertThat(d.priceScale()).isEqualTo(ps);
            assertThat(d.qtyScale()).isEqualTo(qs);
            assertThat(d.bidPrices()).containsExactly(rescaled(b, 0, ps));
            assertThat(d.bidQtys()).containsExactly(rescaled(b, 2, qs));
            assertThat(d.askPrices()).containsExactly(rescaled(a, 0, ps));
            assertThat(d.askQtys()).containsExactly(rescaled(a, 2, qs));
        }
        assertThat(rejected).as("messages that overflow").isGreaterThan(100);
        assertThat(copied).as("messages on the copy path").isGreaterThan(5_000);
    }

    /** n levels {price, priceScale, qty, qtyScale}; {@code same}: every level at one pair of scales. */
    private static long[][] levels(SplittableRandom r, int n, boolean same) {
        int ps0 = r.nextInt(19);
        int qs0 = r.nextInt(19);
        long[][] out = new long[n][];
        for (int i = 0; i < n; i++) {
            int ps = same ? ps0 : r.nextInt(19);
            int qs = same ? qs0 : r.nextInt(19);
            long p = 1 + (r.nextBoolean() ? r.nextLong(1_000_000_000L) : r.nextLong(Long.MAX_VALUE - 1));
            long q = r.nextInt(4) == 0 ? 0 : r.nextLong(1_000_000_000_000L);
            out[i] = new long[] {p, ps, q, qs};
        }
        return out;
    }

    private static boolean fitsAll(long[][] side, int ps, int qs) {
        for (long[] l : side) {
            if (scaled(l[0], (int) l[1], ps).bitLength() > 63 || scaled(l[2], (int) l[3], qs).bitLength() > 63) return false;
        }
        return true;
    }

    private static long[] rescaled(long[][] side, int at, int scale) {
        long[] out = new long[side.length];
        for (int i = 0; i < side.length; i++) out[i] = scaled(side[i][at], (int) side[i][at + 1], scale).longValueExact();
        return out;
    }

    private static java.math.BigInteger scaled(long unscaled, int from, int to) {
        return BigDecimal.valueOf(unscaled, from).setScale(to).unscaledValue();
    }
}
