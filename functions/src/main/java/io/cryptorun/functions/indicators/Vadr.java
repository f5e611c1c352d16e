package io.cryptorun.functions.indicators;

import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import io.cryptorun.functions.math.CompensatedSum;
import io.cryptorun.sources.model.Bar;

/**
 * SPEC §5 volume-adjusted daily range from 1h bars:
 * {@code vwr(n) = Σ((high − low) / close × volume) / Σ volume} over the last n bars and
 * {@code VADR = vwr(24) / vwr(96)} — how wide the last day's volume-weighted range is against
 * the last four days'.
 *
 * <p>Two rings of the long window hold each bar's weighted range and volume; four compensated
 * sums hold the short and long numerators and denominators. Each bar adds to both windows,
 * takes the bar that left the long window (the ring's eviction) off the long sums and the bar
 * that left the short window off the short sums: O(1), allocation-free.
 *
 * <p>Undefined ({@link VadrStatus#INSUFFICIENT_BARS}) with fewer than 20 bars. Between 20 and 95
 * bars the long window is the bars there are (so with 24 or fewer bars both windows coincide
 * and VADR is exactly 1, which no tier minimum passes). Zero denominators are detected on exact
 * counts of bars with positive volume / positive weighted range, never on a floating sum that
 * may hold a 1e−17 residue after subtracting everything back out.
 */
public final class Vadr {
    private final int shortBars;
    private final int minShortBars;
    private final DoubleRing weightedRanges;
    private final DoubleRing volumes;
    private final CompensatedSum shortRange = new CompensatedSum();
    private final CompensatedSum shortVolume = new CompensatedSum();
    private final CompensatedSum longRange = new CompensatedSum();
    private final CompensatedSum longVolume = new CompensatedSum();
    private int shortBarsWithVolume;
    private int longBarsWithRange;

    /** SPEC defaults: 24 / 96 bars, at least 20 in the short window. */
    public Vadr() {
        this(24, 96, 20);
    }

    public Vadr(int shortBars, int longBars, int minShortBars) {
        if (shortBars < 1 || longBars < shortBars || minShortBars < 1 || minShortBars > shortBars) {
            throw new IllegalArgumentException(
                    "need 1 ≤ minShortBars ≤ shortBars ≤ longBars: " + minShortBars + "/" + shortBars + "/" + longBars);
        }
        this.shortBars = shortBars;
        this.minShortBars = minShortBars;
        this.weightedRanges = new DoubleRing(longBars);
        this.volumes = new DoubleRing(longBars);
    }

    public void update(double high, double low, double close, double volume) {
        Inputs.range(high, low, close);
        Inputs.nonNegative("volume", volume);
        double weighted = (high - low) / close * volume;

        // the bar that leaves the short window is shortBars − 1 back now (shortBars back after the
        // push); read it first, because with shortBars == longBars the push evicts it from the ring
        boolean shortFull = volumes.size() >= shortBars;
        double leftShortRange = shortFull ? weightedRanges.get(shortBars - 1) : 0.0;
        double leftShortVolume = shortFull ? volumes.get(shortBars - 1) : 0.0;

        double leftLongRange = weightedRanges.push(weighted);
        double leftLongVolume = volumes.push(volume);
        if (!Double.isNaN(leftLongRange)) {
            longRange.subtract(leftLongRange);
            longVolume.subtract(leftLongVolume);
            if (leftLongRange > 0) {
                longBarsWithRange--;
            }
        }
        longRange.add(weighted);
        longVolume.add(volume);
        if (weighted > 0) {
            longBarsWithRange++;
        }

        shortRange.add(weighted);
        shortVolume.add(volume);
        if (volume > 0) {
            shortBarsWithVolume++;
        }
        if (shortFull) {
            shortRange.subtract(leftShortRange);
            shortVolume.subtract(leftShortVolume);
            if (leftShortVolume > 0) {
                shortBarsWithVolume--;
            }
        }
    }

    /** Feeds a 1h bar's exact fields through {@code toDouble()}. */
    public void update(Bar bar) {
        if (!Bar.H1.equals(bar.interval())) {
            throw new IllegalArgumentException("VADR is defined on 1h bars, got " + bar.interval());
        }
        update(bar.high().toDouble(), bar.low().toDouble(), bar.close().toDouble(), bar.volume().toDouble());
    }

    public VadrStatus status() {
        if (volumes.size() < minShortBars) {
            return VadrStatus.INSUFFICIENT_BARS;
        }
        if (shortBarsWithVolume == 0 || longBarsWithRange == 0) {
            return VadrStatus.UNDEFINED_RATIO;
        }
        return VadrStatus.OK;
    }

    /** VADR, or NaN unless {@link #status()} is {@link VadrStatus#OK}. */
    public double value() {
        if (status() != VadrStatus.OK) {
            return Double.NaN;
        }
        return (shortRange.value() / shortVolume.value()) / (longRange.value() / longVolume.value());
    }

    /** Bars in the short window (at most {@code shortBars}). */
    public int shortWindowBars() {
        return Math.min(volumes.size(), shortBars);
    }

    /** Bars in the long window (at most {@code longBars}). */
    public int longWindowBars() {
        return volumes.size();
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(shortBars);
        out.writeInt(minShortBars);
        weightedRanges.write(out);
        volumes.write(out);
        shortRange.write(out);
        shortVolume.write(out);
        longRange.write(out);
        longVolume.write(out);
        out.writeInt(shortBarsWithVolume);
        out.writeInt(longBarsWithRange);
    }

    public static Vadr read(DataInput in) throws IOException {
        Vadr v = new Vadr(in.readInt(), in.readInt(), DoubleRing.read(in), DoubleRing.read(in));
        v.shortRange.read(in);
        v.shortVolume.read(in);
        v.longRange.read(in);
        v.longVolume.read(in);
        v.shortBarsWithVolume = in.readInt();
        v.longBarsWithRange = in.readInt();
        return v;
    }

    private Vadr(int shortBars, int minShortBars, DoubleRing weightedRanges, DoubleRing volumes) {
        this.shortBars = shortBars;
        this.minShortBars = minShortBars;
        this.weightedRanges = weightedRanges;
        this.volumes = volumes;
    }
}
