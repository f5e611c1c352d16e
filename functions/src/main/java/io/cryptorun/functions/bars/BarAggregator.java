package io.cryptorun.functions.bars;

import io.cryptorun.functions.math.Decimals;
import io.cryptorun.functions.math.ExactSum;
import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.decimal.ExactMath;
import io.cryptorun.sources.model.Bar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An open OHLCV bar being built, exact: from trades ({@link #addTrade}) or from constituent bars
 * ({@link #merge}). Volume and notional Σ price·qty are {@link ExactSum}s, so VWAP is computed
 * once, at the end, from exact totals. Knows nothing of Flink; mutable so that adding a trade
 * allocates nothing (the bar operator stores it with {@link BarAggregatorSerializer}).
 *
 * <p>Open and close follow event time, not arrival: the open is the price of the earliest trade
 * (the first to arrive among equal times), the close that of the latest (the last to arrive among
 * equal times), so trades reordered within a minute still give the same bar.
 *
 * <p>VWAP = notional / volume rounded half-even to {@code priceScale + 4} decimals (at most 18),
 * where {@code priceScale} is the largest scale of any price that went into the bar. With zero
 * volume (only possible from history bars) the VWAP is the close.
 */
public final class BarAggregator {
    private final long openTimeMicros;
    private long firstMicros = Long.MAX_VALUE;
    private long lastMicros = Long.MIN_VALUE;
    private Decimal open;
    private Decimal high;
    private Decimal low;
    private Decimal close;
    private int priceScale;
    private long trades;
    private final ExactSum volume;
    private final ExactSum notional;

    /** An empty bar for the interval starting at {@code openTimeMicros}. */
    public BarAggregator(long openTimeMicros) {
        this(openTimeMicros, new ExactSum(), new ExactSum());
    }

    private BarAggregator(long openTimeMicros, ExactSum volume, ExactSum notional) {
        this.openTimeMicros = openTimeMicros;
        this.volume = volume;
        this.notional = notional;
    }

    /**
     * A history bar as a constituent. Its notional is {@code vwap × volume}, exact in itself but
     * only as precise as the rounded vwap it was given (the close when vwap is missing).
     */
    public static BarAggregator ofBar(Bar b) {
        BarAggregator a = new BarAggregator(b.openTimeMicros());
        a.firstMicros = b.openTimeMicros();
        a.lastMicros = b.closeTimeMicros() - 1;
        a.open = b.open();
        a.high = b.high();
        a.low = b.low();
        a.close = b.close();
        a.priceScale = Math.max(Math.max(b.open().scale(), b.high().scale()),
                Math.max(b.low().scale(), b.close().scale()));
        a.trades = b.trades();
        a.volume.add(b.volume().unscaled(), b.volume().scale());
        Decimal px = b.vwap() != null ? b.vwap() : b.close();
        a.notional.addProduct(px.unscaled(), px.scale(), b.volume().unscaled(), b.volume().scale());
        return a;
    }

    /** Adds one trade ({@code price > 0}, {@code qty > 0}, checked by the caller). */
    public void addTrade(long timeMicros, Decimal price, Decimal qty) {
        volume.add(qty.unscaled(), qty.scale());
        notional.addProduct(price.unscaled(), price.scale(), qty.unscaled(), qty.scale());
        trades++;
        take(timeMicros, price, timeMicros, price, price, price, price.scale());
    }

    /** Adds a constituent bar (a closed 1m bar into an hour, an hour into 4h or 1d). */
    public void merge(BarAggregator c) {
        if (c.isEmpty()) {
            return;
        }
        volume.add(c.volume);
        notional.add(c.notional);
        trades += c.trades;
        take(c.firstMicros, c.open, c.lastMicros, c.close, c.high, c.low, c.priceScale);
    }

    private void take(long first, Decimal o, long last, Decimal c, Decimal hi, Decimal lo, int scale) {
        if (open == null) {
            firstMicros = first;
            lastMicros = last;
            open = o;
            close = c;
            high = hi;
            low = lo;
            priceScale = scale;
            return;
        }
        if (first < firstMicros) {
            firstMicros = first;
            open = o;
        }
        if (last >= lastMicros) {
            lastMicros = last;
            close = c;
        }
        if (hi.compareTo(high) > 0) {
            high = hi;
        }
        if (lo.compareTo(low) < 0) {
            low = lo;
        }
        if (scale > priceScale) {
            priceScale = scale;
        }
    }

    public boolean isEmpty() {
        return open == null;
    }

    public long openTimeMicros() {
        return openTimeMicros;
    }

    public long trades() {
        return trades;
    }

    /** Whether the volume is representable exactly as a {@link Decimal} (see {@link ExactSum#toDecimal()}). */
    public boolean volumeExact() {
        return volume.fitsDecimal();
    }

    public Decimal vwap() {
        if (volume.signum() == 0) {
            return close;
        }
        int scale = Math.min(priceScale + 4, ExactMath.MAX_SCALE);
        BigDecimal v = notional.toBigDecimal().divide(volume.toBigDecimal(), scale, RoundingMode.HALF_EVEN);
        return Decimals.roundToFit(v, scale);
    }

    public Bar toBar(String venue, String symbol, String interval, String origin) {
        if (isEmpty()) {
            throw new IllegalStateException("empty bar");
        }
        return new Bar(venue, symbol, interval, openTimeMicros, open, high, low, close, volume.toDecimal(), trades, vwap(),
                origin);
    }

    // ---- state serialization support ---------------------------------------------------------

    long firstMicros() { return firstMicros; }
    long lastMicros() { return lastMicros; }
    Decimal open() { return open; }
    Decimal high() { return high; }
    Decimal low() { return low; }
    Decimal close() { return close; }
    int priceScale() { return priceScale; }
    ExactSum volume() { return volume; }
    ExactSum notional() { return notional; }

    static BarAggregator restore(long openTimeMicros, long firstMicros, long lastMicros, Decimal open, Decimal high,
            Decimal low, Decimal close, int priceScale, long trades, ExactSum volume, ExactSum notional) {
        BarAggregator a = new BarAggregator(openTimeMicros, volume, notional);
        a.firstMicros = firstMicros;
        a.lastMicros = lastMicros;
        a.open = open;
        a.high = high;
        a.low = low;
        a.close = close;
        a.priceScale = priceScale;
        a.trades = trades;
        return a;
    }

    public BarAggregator copy() {
        return restore(openTimeMicros, firstMicros, lastMicros, open, high, low, close, priceScale, trades, volume.copy(),
                notional.copy());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarAggregator x && openTimeMicros == x.openTimeMicros && firstMicros == x.firstMicros
                && lastMicros == x.lastMicros && Objects.equals(open, x.open) && Objects.equals(high, x.high)
                && Objects.equals(low, x.low) && Objects.equals(close, x.close) && priceScale == x.priceScale
                && trades == x.trades && volume.equals(x.volume) && notional.equals(x.notional);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(openTimeMicros) * 31 + Long.hashCode(trades);
    }

    @Override
    public String toString() {
        return "BarAggregator{" + openTimeMicros + " o=" + open + " h=" + high + " l=" + low + " c=" + close + " v="
                + volume + " n=" + notional + " trades=" + trades + "}";
    }
}
