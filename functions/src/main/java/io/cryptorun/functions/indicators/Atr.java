package io.cryptorun.functions.indicators;

import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import io.cryptorun.sources.model.Bar;

/**
 * Wilder's Average True Range: the {@link WilderAverage} of {@link TrueRange} values.
 *
 * <p>The first bar has no previous close, so it only records its close (the TA-Lib convention;
 * Wilder's worksheet instead uses the first bar's high − low, which biases the seed low by
 * ignoring a gap). Warm-up: NaN until {@code period + 1} bars. O(1), allocation-free.
 */
public final class Atr {
    private final WilderAverage trueRanges;
    private double previousClose = Double.NaN;

    public Atr() {
        this(14);
    }

    public Atr(int period) {
        this.trueRanges = new WilderAverage(period);
    }

    public void update(double high, double low, double close) {
        Inputs.range(high, low, close);
        if (!Double.isNaN(previousClose)) {
            trueRanges.update(TrueRange.of(high, low, previousClose));
        }
        previousClose = close;
    }

    /** Feeds a bar's exact fields through {@code toDouble()}. */
    public void update(Bar bar) {
        update(bar.high().toDouble(), bar.low().toDouble(), bar.close().toDouble());
    }

    public boolean isReady() {
        return trueRanges.isReady();
    }

    /** ATR in price units; NaN during warm-up. */
    public double value() {
        return trueRanges.value();
    }

    public void write(DataOutput out) throws IOException {
        trueRanges.write(out);
        out.writeDouble(previousClose);
    }

    public static Atr read(DataInput in) throws IOException {
        Atr a = new Atr(WilderAverage.read(in));
        a.previousClose = in.readDouble();
        return a;
    }

    private Atr(WilderAverage trueRanges) {
        this.trueRanges = trueRanges;
    }
}
