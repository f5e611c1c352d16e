package io.cryptorun.functions.universe;

import io.cryptorun.functions.indicators.Adx;
import io.cryptorun.functions.indicators.Atr;
import io.cryptorun.functions.indicators.DoubleRing;
import io.cryptorun.functions.indicators.MovingAverage;
import io.cryptorun.functions.indicators.Returns;
import io.cryptorun.functions.indicators.Rsi;
import io.cryptorun.functions.indicators.Vadr;
import io.cryptorun.functions.math.CompensatedSum;
import io.cryptorun.functions.regime.RealizedVol;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Every running indicator of one symbol over its consolidated bars (SPEC §5), updated in O(1)
 * per closed bar: on 1h bars returns (1h … 7d), RSI(14), ATR(14), VADR, realized vol 7d and the
 * 24h / 7d USD volume; on 4h bars RSI(14), ADX(14), MA20 and the last three closes (for the
 * acceleration of SPEC §8). Pure (no Flink); an operator keeps it in keyed state through
 * {@link #write} / {@link #read}.
 */
public final class SymbolIndicators {
    static final int HOURS_24 = 24;
    static final int HOURS_7D = 168;

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

    /** A closed consolidated 1h bar (its end time). Bars must come in time order; an older or repeated hour is ignored. */
    public boolean onHour(long closeMicros, ConsolidatedBar b) {
        if (closeMicros <= lastHourCloseMicros) {
            return false;
        }
        returns.update(b.close());
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
        return true;
    }

    /** A closed consolidated 4h bar; false (ignored) when not newer than the last one. */
    public boolean onFourHours(long closeMicros, ConsolidatedBar b) {
        if (closeMicros <= last4hCloseMicros) {
            return false;
        }
        rsi4h.update(b.close());
        adx4h.update(b.high(), b.low(), b.close());
        ma20of4h.update(b.close());
        closes4h.push(b.close());
        last4hCloseMicros = closeMicros;
        return true;
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
    }

    public static SymbolIndicators read(DataInput in) throws IOException {
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
        return s;
    }
}
