package io.cryptorun.functions.indicators;

import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
/**
 * Wilder's Relative Strength Index from closes. Each close after the first gives a gain
 * {@code max(Δ, 0)} and a loss {@code max(−Δ, 0)}; both are Wilder-averaged
 * ({@link WilderAverage}: SMA of the first {@code period}, then {@code (prev × 13 + x) / 14}), and
 * {@code RSI = 100 − 100 / (1 + avgGain / avgLoss)}.
 *
 * <p>Computed as the algebraically equal {@code 100 × avgGain / (avgGain + avgLoss)}, which has
 * no division by a zero loss: a market that only rose reads 100, one that only fell reads 0. A
 * perfectly flat market (both averages 0) reads 50, the neutral value, because scoring uses
 * {@code RSI − 50} and "no movement" must not look like momentum either way.
 *
 * <p>Warm-up: NaN until {@code period + 1} closes ({@code period} changes). O(1), allocation-free.
 */
public final class Rsi {
    private final WilderAverage gains;
    private final WilderAverage losses;
    private double previousClose = Double.NaN;

    public Rsi() {
        this(14);
    }

    public Rsi(int period) {
        this.gains = new WilderAverage(period);
        this.losses = new WilderAverage(period);
    }

    public void update(double close) {
        Inputs.price("close", close);
        if (!Double.isNaN(previousClose)) {
            double change = close - previousClose;
            gains.update(change > 0 ? change : 0.0);
            losses.update(change < 0 ? -change : 0.0);
        }
        previousClose = close;
    }

    public boolean isReady() {
        return gains.isReady();
    }

    /** RSI in [0, 100]; NaN during warm-up. */
    public double value() {
        if (!gains.isReady()) {
            return Double.NaN;
        }
        double g = gains.value();
        double l = losses.value();
        double total = g + l;
        return total == 0 ? 50.0 : 100.0 * g / total;
    }

    public double averageGain() {
        return gains.value();
    }

    public double averageLoss() {
        return losses.value();
    }

    public void write(DataOutput out) throws IOException {
        gains.write(out);
        losses.write(out);
        out.writeDouble(previousClose);
    }

    public static Rsi read(DataInput in) throws IOException {
        Rsi r = new Rsi(WilderAverage.read(in), WilderAverage.read(in));
        r.previousClose = in.readDouble();
        return r;
    }

    private Rsi(WilderAverage gains, WilderAverage losses) {
        this.gains = gains;
        this.losses = losses;
    }
}
