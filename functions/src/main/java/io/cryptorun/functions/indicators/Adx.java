package io.cryptorun.functions.indicators;

import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import io.cryptorun.sources.model.Bar;

/**
 * Wilder's Average Directional Index.
 *
 * <p>Per bar after the first: {@code up = high − prevHigh}, {@code down = prevLow − low};
 * {@code +DM = up} if {@code up > down and up > 0} else 0; {@code −DM = down} if
 * {@code down > up and down > 0} else 0; TR as in {@link Atr}. TR, +DM and −DM are Wilder-smoothed
 * (Wilder's running <em>sums</em> {@code S − S/n + x} are n × these averages, so the ratios are
 * the same); {@code ±DI = 100 × smoothed ±DM / smoothed TR};
 * {@code DX = 100 × |+DI − −DI| / (+DI + −DI)}; ADX is the Wilder average of DX, seeded with the
 * mean of the first {@code period} DX values.
 *
 * <p>Warm-up: DI/DX from bar {@code period + 1}, ADX from bar {@code 2 × period} — i.e. after
 * the standard {@code 2 × period − 1} bars of lookback (27 for period 14), as in TA-Lib. A
 * zero smoothed TR gives DI 0 and equal DIs of 0 give DX 0 (no trend), so a frozen market never
 * yields NaN after warm-up. O(1), allocation-free.
 */
public final class Adx {
    private final WilderAverage trueRange;
    private final WilderAverage plusDm;
    private final WilderAverage minusDm;
    private final WilderAverage dx;
    private double previousHigh = Double.NaN;
    private double previousLow = Double.NaN;
    private double previousClose = Double.NaN;

    public Adx() {
        this(14);
    }

    public Adx(int period) {
        this.trueRange = new WilderAverage(period);
        this.plusDm = new WilderAverage(period);
        this.minusDm = new WilderAverage(period);
        this.dx = new WilderAverage(period);
    }

    public void update(double high, double low, double close) {
        Inputs.range(high, low, close);
        if (!Double.isNaN(previousClose)) {
            double up = high - previousHigh;
            double down = previousLow - low;
            plusDm.update(up > down && up > 0 ? up : 0.0);
            minusDm.update(down > up && down > 0 ? down : 0.0);
            trueRange.update(TrueRange.of(high, low, previousClose));
            if (trueRange.isReady()) {
                dx.update(currentDx());
            }
        }
        previousHigh = high;
        previousLow = low;
        previousClose = close;
    }

    /** Feeds a bar's exact fields through {@code toDouble()}. */
    public void update(Bar bar) {
        update(bar.high().toDouble(), bar.low().toDouble(), bar.close().toDouble());
    }

    private double currentDx() {
        double plus = plusDi();
        double minus = minusDi();
        double sum = plus + minus;
        return sum == 0 ? 0.0 : 100.0 * Math.abs(plus - minus) / sum;
    }

    public boolean isReady() {
        return dx.isReady();
    }

    /** ADX in [0, 100]; NaN until {@code 2 × period} bars. */
    public double value() {
        return dx.value();
    }

    /** +DI in [0, 100]; NaN until {@code period + 1} bars. */
    public double plusDi() {
        return directional(plusDm);
    }

    /** −DI in [0, 100]; NaN until {@code period + 1} bars. */
    public double minusDi() {
        return directional(minusDm);
    }

    /** The latest DX; NaN until {@code period + 1} bars. */
    public double dx() {
        return trueRange.isReady() ? currentDx() : Double.NaN;
    }

    private double directional(WilderAverage dm) {
        if (!trueRange.isReady()) {
            return Double.NaN;
        }
        double tr = trueRange.value();
        return tr == 0 ? 0.0 : 100.0 * dm.value() / tr;
    }

    public void write(DataOutput out) throws IOException {
        trueRange.write(out);
        plusDm.write(out);
        minusDm.write(out);
        dx.write(out);
        out.writeDouble(previousHigh);
        out.writeDouble(previousLow);
        out.writeDouble(previousClose);
    }

    public static Adx read(DataInput in) throws IOException {
        Adx a = new Adx(WilderAverage.read(in), WilderAverage.read(in), WilderAverage.read(in), WilderAverage.read(in));
        a.previousHigh = in.readDouble();
        a.previousLow = in.readDouble();
        a.previousClose = in.readDouble();
        return a;
    }

    private Adx(WilderAverage trueRange, WilderAverage plusDm, WilderAverage minusDm, WilderAverage dx) {
        this.trueRange = trueRange;
        this.plusDm = plusDm;
        this.minusDm = minusDm;
        this.dx = dx;
    }
}
