package io.cryptorun.functions.universe;

import io.cryptorun.functions.indicators.Adx;
import io.cryptorun.functions.indicators.Atr;
import io.cryptorun.functions.indicators.DoubleRing;
import io.cryptorun.functions.indicators.MovingAverage;
import io.cryptorun.functions.indicators.Returns;
import io.cryptorun.functions.indicators.Rsi;
import io.cryptorun.functions.indicators.Vadr;
import io.cryptorun.functions.math.CompensatedSum;
import io.cryptorun.functions.math.DecimalRing;
import io.cryptorun.functions.math.Ratio;
import io.cryptorun.functions.indicators.RealizedVol;
import io.cryptorun.sources.decimal.Decimal;
import java.math.BigDecimal;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Every running indicator of one symbol over its consolidated bars (SPEC §5), updated in O(1)
 * per closed bar: on 1h bars returns (1h … 7d), RSI(14), ATR(14), VADR, realized vol 7d and the
 * 24h / 7d USD volume; on 4h bars RSI(14), ADX(14), MA20 and the last three closes (for the
 * acceleration of SPEC §8). Pure (no Flink); an operator keeps it in keyed state through
 * {@link #write} / {@link #read}.
 *
 * <p><b>On the time grid</b> (SPEC §5, docs/INDICATORS.md "Returns on the time grid"): an hour
 * (or 4h interval) without a bar is fed as a carried bar — flat at the previous close, volume 0
 * — when a later bar arrives ({@link #onHour}, {@link #onFourHours}) or when a tick passes its end
 * ({@link #advanceTo}). So every ring holds one value per interval and "24 back" is 24 hours back.
 *
 * <p><b>Exact closes.</b> Beside the double rings it keeps the last 25 hourly and 3 four-hourly
 * closes as exact decimals, so that r_24h and the acceleration are compared with their
 * thresholds exactly ({@link #return24hExact()}, {@link #acceleration4hExact()}).
 */
public final class SymbolIndicators {
    static final int HOURS_24 = 24;
    static final int HOURS_7D = 168;
    static final long HOUR_MICROS = 3_600_000_000L;
    static final long FOUR_HOURS_MICROS = 4 * HOUR_MICROS;
    /** Longest gap filled with carried bars; every window is flat long before (7 d = 168 h). */
    static final int MAX_CARRIED = 1000;

    private final Returns returns;
    private final Rsi rsi1h;
    private final Atr atr1h;
    private final Vadr vadr;
    private final RealizedVol realizedVol;
    private final DoubleRing hourlyUsd;
    private final CompensatedSum usd24h;
    private final CompensatedSum usd7d;
    private final Rsi rsi4h;
    private final Adx adx4h;
    private final MovingAverage ma20of4h;
    private final DoubleRing closes4h;
    private long lastHourCloseMicros = Long.MIN_VALUE;
    private double lastHourClose = Double.NaN;
    private long last4hCloseMicros = Long.MIN_VALUE;
    private DecimalRing exactHourCloses = new DecimalRing(HOURS_24 + 1);
    private DecimalRing exact4hCloses = new DecimalRing(3);

    public SymbolIndicators() {
        this(new Returns(), new Rsi(), new Atr(), new Vadr(), new RealizedVol(), new DoubleRing(HOURS_7D),
                new CompensatedSum(), new CompensatedSum(), new Rsi(), new Adx(), new MovingAverage(20),
                new DoubleRing(3));
    }

    private SymbolIndicators(Returns returns, Rsi rsi1h, Atr atr1h, Vadr vadr, RealizedVol realizedVol,
            DoubleRing hourlyUsd, CompensatedSum usd24h, CompensatedSum usd7d, Rsi rsi4h, Adx adx4h,
            MovingAverage ma20of4h, DoubleRing closes4h) {
        this.returns = returns;
        this.rsi1h = rsi1h;
        this.atr1h = atr1h;
        this.vadr = vadr;
        this.realizedVol = realizedVol;
        this.hourlyUsd = hourlyUsd;
        this.usd24h = usd24h;
        this.usd7d = usd7d;
        this.rsi4h = rsi4h;
        this.adx4h = adx4h;
        this.ma20of4h = ma20of4h;
        this.closes4h = closes4h;
    }

    /**
     * A closed consolidated 1h bar (its end time). Bars must come in time order; an older or
     * repeated hour is ignored. Hours missing since the last bar are carried first.
     */
    public boolean onHour(long closeMicros, ConsolidatedBar b) {
        if (closeMicros <= lastHourCloseMicros) {
            return false;
        }
        carryHoursBefore(closeMicros);
        applyHour(closeMicros, b);
        return true;
    }

    /**
     * Carries every interval that ended at or before {@code tickMicros} without a bar (SPEC §5:
     * price unchanged, volume 0), so the indicators read at the tick are on the time grid.
     * Nothing before the first bar. Returns whether anything changed.
     */
    public boolean advanceTo(long tickMicros) {
        boolean changed = false;
        if (lastHourCloseMicros != Long.MIN_VALUE && Math.floorDiv(tickMicros, HOUR_MICROS) * HOUR_MICROS > lastHourCloseMicros) {
            carryHoursBefore(Math.floorDiv(tickMicros, HOUR_MICROS) * HOUR_MICROS + HOUR_MICROS);
            changed = true;
        }
        long four = Math.floorDiv(tickMicros, FOUR_HOURS_MICROS) * FOUR_HOURS_MICROS;
        if (last4hCloseMicros != Long.MIN_VALUE && four > last4hCloseMicros) {
            carryFourHoursBefore(four + FOUR_HOURS_MICROS);
            changed = true;
        }
        return changed;
    }

    private void carryHoursBefore(long closeMicros) {
        if (lastHourCloseMicros != Long.MIN_VALUE) {
            carry(lastHourCloseMicros, closeMicros, HOUR_MICROS,
                    ConsolidatedBar.carried(lastHourClose, exactHourCloses.get(0)), this::applyHour);
        }
    }

    private void carryFourHoursBefore(long closeMicros) {
        if (last4hCloseMicros != Long.MIN_VALUE) {
            carry(last4hCloseMicros, closeMicros, FOUR_HOURS_MICROS,
                    ConsolidatedBar.carried(closes4h.get(0), exact4hCloses.get(0)), this::applyFourHours);
        }
    }

    private interface Apply {
        void bar(long closeMicros, ConsolidatedBar b);
    }

    /** Feeds {@code flat} for every interval of {@code step} ending strictly between {@code last} and {@code closeMicros} (at most {@link #MAX_CARRIED}). */
    private static void carry(long last, long closeMicros, long step, ConsolidatedBar flat, Apply apply) {
        long missing = (closeMicros - last) / step - 1;
        long t = last;
        if (missing > MAX_CARRIED) {
            t += (missing - MAX_CARRIED) * step;
            missing = MAX_CARRIED;
        }
        for (long i = 0; i < missing; i++) {
            t += step;
            apply.bar(t, flat);
        }
    }

    private void applyHour(long closeMicros, ConsolidatedBar b) {
        returns.update(b.close());
        exactHourCloses.push(b.exactClose());
        rsi1h.update(b.close());
        atr1h.update(b.high(), b.low(), b.close());
        vadr.update(b.high(), b.low(), b.close(), b.volume());
        realizedVol.update(b.close());
        // the 24h window is the newest 24 of the 168 the ring holds: read the one leaving it first
        double leaving24 = hourlyUsd.size() >= HOURS_24 ? hourlyUsd.get(HOURS_24 - 1) : 0.0;
        double leaving7d = hourlyUsd.push(b.usdVolume());
        usd24h.add(b.usdVolume());
        usd24h.subtract(leaving24);
        usd7d.add(b.usdVolume());
        if (!Double.isNaN(leaving7d)) {
            usd7d.subtract(leaving7d);
        }
        lastHourCloseMicros = closeMicros;
        lastHourClose = b.close();
    }

    /** A closed consolidated 4h bar; false (ignored) when not newer than the last one. Missing 4h intervals are carried first. */
    public boolean onFourHours(long closeMicros, ConsolidatedBar b) {
        if (closeMicros <= last4hCloseMicros) {
            return false;
        }
        carryFourHoursBefore(closeMicros);
        applyFourHours(closeMicros, b);
        return true;
    }

    private void applyFourHours(long closeMicros, ConsolidatedBar b) {
        rsi4h.update(b.close());
        adx4h.update(b.high(), b.low(), b.close());
        ma20of4h.update(b.close());
        closes4h.push(b.close());
        exact4hCloses.push(b.exactClose());
        last4hCloseMicros = closeMicros;
    }

    /** r_24h exactly: (close_t − close_{t−24h}) / close_{t−24h}; null with fewer than 25 hourly closes. */
    public Ratio return24hExact() {
        Decimal now = exactHourCloses.get(0);
        Decimal then = exactHourCloses.get(HOURS_24);
        return now == null || then == null ? null : Ratio.change(now.toBigDecimal(), then.toBigDecimal());
    }

    /**
     * RSI(4h) as the exact quotient {@code 100·avgGain / (avgGain + avgLoss)} of the Wilder
     * averages (taken at their exact binary values); 50 with no movement; null while warming up.
     */
    public Ratio rsi4hExact() {
        if (!rsi4h.isReady()) {
            return null;
        }
        BigDecimal g = new BigDecimal(rsi4h.averageGain());
        BigDecimal l = new BigDecimal(rsi4h.averageLoss());
        BigDecimal sum = g.add(l);
        return sum.signum() == 0 ? Ratio.of(BigDecimal.valueOf(50)) : new Ratio(g.multiply(BigDecimal.valueOf(100)), sum);
    }

    /** {@link #acceleration4h()} exactly, from the decimal 4h closes; null with fewer than three. */
    public Ratio acceleration4hExact() {
        if (exact4hCloses.size() < 3) {
            return null;
        }
        BigDecimal c0 = exact4hCloses.get(0).toBigDecimal();
        BigDecimal c1 = exact4hCloses.get(1).toBigDecimal();
        BigDecimal c2 = exact4hCloses.get(2).toBigDecimal();
        return Ratio.change(c0, c1).minus(Ratio.change(c1, c2));
    }

    /** The signal bar's close, exact; null before the first hour. */
    public Decimal lastHourCloseExact() {
        return exactHourCloses.get(0);
    }

    public double r(int hours) {
        return returns.value(hours);
    }

    public double rsi1h() {
        return rsi1h.value();
    }

    public double atr1h() {
        return atr1h.value();
    }

    public double vadr() {
        return vadr.value();
    }

    public int vadrBars() {
        return vadr.shortWindowBars();
    }

    public double realizedVol7d() {
        return realizedVol.value();
    }

    /** USD notional of the last 24 consolidated hours: the SPEC's 24h ADV; NaN with fewer than 24 hours. */
    public double adv24hUsd() {
        return hourlyUsd.size() >= HOURS_24 ? Math.max(0, usd24h.value()) : Double.NaN;
    }

    /** Average daily USD notional over the last 7 days; NaN until the 168 hours are there. */
    public double avgDailyVolume7dUsd() {
        return hourlyUsd.isFull() ? Math.max(0, usd7d.value()) / 7.0 : Double.NaN;
    }

    public double rsi4h() {
        return rsi4h.value();
    }

    public double adx4h() {
        return adx4h.value();
    }

    public double ma20of4h() {
        return ma20of4h.value();
    }

    /** The latest 4h close; NaN before the first. */
    public double close4h() {
        return closes4h.size() > 0 ? closes4h.get(0) : Double.NaN;
    }

    /** The 4h close before the latest; NaN with fewer than two. */
    public double previousClose4h() {
        return closes4h.size() > 1 ? closes4h.get(1) : Double.NaN;
    }

    /**
     * SPEC §8 acceleration: 4h momentum now minus 4h momentum one 4h bar ago, where 4h momentum
     * is the return of the last 4h bar ({@code c0/c1 − 1}); a fraction (0.02 = 2 pp). NaN with
     * fewer than three 4h closes.
     */
    public double acceleration4h() {
        if (closes4h.size() < 3) {
            return Double.NaN;
        }
        return (closes4h.get(0) / closes4h.get(1) - 1) - (closes4h.get(1) / closes4h.get(2) - 1);
    }

    /** End time of the last consolidated 1h bar (the signal bar), or {@link Long#MIN_VALUE}. */
    public long lastHourCloseMicros() {
        return lastHourCloseMicros;
    }

    public double lastHourClose() {
        return lastHourClose;
    }

    public void write(DataOutput out) throws IOException {
        returns.write(out);
        rsi1h.write(out);
        atr1h.write(out);
        vadr.write(out);
        realizedVol.write(out);
        hourlyUsd.write(out);
        usd24h.write(out);
        usd7d.write(out);
        rsi4h.write(out);
        adx4h.write(out);
        ma20of4h.write(out);
        closes4h.write(out);
        out.writeLong(lastHourCloseMicros);
        out.writeDouble(lastHourClose);
        out.writeLong(last4hCloseMicros);
        exactHourCloses.write(out);
        exact4hCloses.write(out);
    }

    /** State of the current format (2: with the exact closes). */
    public static SymbolIndicators read(DataInput in) throws IOException {
        return read(in, 2);
    }

    /** State of {@code format}; format 1 has no exact closes (they refill within 25 hours). */
    public static SymbolIndicators read(DataInput in, int format) throws IOException {
        Returns returns = Returns.read(in);
        Rsi rsi1h = Rsi.read(in);
        Atr atr1h = Atr.read(in);
        Vadr vadr = Vadr.read(in);
        RealizedVol rv = RealizedVol.read(in);
        DoubleRing hourlyUsd = DoubleRing.read(in);
        CompensatedSum usd24h = new CompensatedSum();
        usd24h.read(in);
        CompensatedSum usd7d = new CompensatedSum();
        usd7d.read(in);
        SymbolIndicators s = new SymbolIndicators(returns, rsi1h, atr1h, vadr, rv, hourlyUsd, usd24h, usd7d,
                Rsi.read(in), Adx.read(in), MovingAverage.read(in), DoubleRing.read(in));
        s.lastHourCloseMicros = in.readLong();
        s.lastHourClose = in.readDouble();
        s.last4hCloseMicros = in.readLong();
        if (format >= 2) {
            s.exactHourCloses = DecimalRing.read(in);
            s.exact4hCloses = DecimalRing.read(in);
        }
        return s;
    }
}
