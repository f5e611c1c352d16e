package io.cryptorun.functions.indicators;

import java.io.IOException;
import java.io.DataOutput;
import java.io.DataInput;
import io.cryptorun.functions.indicators.DoubleRing;
import io.cryptorun.functions.math.CompensatedSum;

/**
 * SPEC §6 realized volatility: the annualized standard deviation of 1h log returns
 * {@code ln(close_t / close_{t−1})} over the last 168 hours (7 days), from BTC/USD 1h closes.
 *
 * <p><b>Annualization</b> multiplies by {@code sqrt(24 × 365) = sqrt(8760)}: crypto trades every
 * hour of every day, so a year is 8760 hourly returns (no 252-day equity calendar).
 *
 * <p><b>Sample stdev</b> (divisor {@code n − 1}): the 168 returns are a sample from which we
 * estimate the volatility of the process, and the mean is estimated from the same sample; Bessel's
 * correction removes that bias. The difference from the population form is
 * {@code sqrt(168/167) − 1 ≈ 0.3 %}, i.e. 0.60 vs 0.598 at the HIGH_VOL threshold.
 *
 * <p>O(1) update: a ring of the last 168 returns and compensated running sums of r and r²;
 * {@code var = (Σr² − (Σr)²/n) / (n − 1)}. The textbook worry about that form is cancellation
 * when the mean dwarfs the spread; hourly log returns have a mean orders of magnitude below their
 * stdev, so the cancellation costs a few ulps, and the compensated sums keep it from drifting.
 * A negative rounding residue is clamped to 0.
 *
 * <p>NaN until {@code window + 1} closes.
 */
public final class RealizedVol {
    /** sqrt(24 × 365): hourly → annual for a market that never closes. */
    public static final double HOURLY_TO_ANNUAL = Math.sqrt(24.0 * 365.0);

    private final DoubleRing logReturns;
    private final double annualization;
    private final CompensatedSum sum = new CompensatedSum();
    private final CompensatedSum sumOfSquares = new CompensatedSum();
    private double previousClose = Double.NaN;

    /** 168 hourly returns, annualized with sqrt(8760). */
    public RealizedVol() {
        this(168, 24.0 * 365.0);
    }

    /**
     * @param windowReturns  returns in the window (168 for 7 days of 1h bars); at least 2
     * @param periodsPerYear returns per year for annualization (8760 for 1h)
     */
    public RealizedVol(int windowReturns, double periodsPerYear) {
        if (windowReturns < 2) {
            throw new IllegalArgumentException("a sample stdev needs ≥ 2 returns: " + windowReturns);
        }
        if (!(periodsPerYear > 0) || Double.isInfinite(periodsPerYear)) {
            throw new IllegalArgumentException("periodsPerYear must be positive: " + periodsPerYear);
        }
        this.logReturns = new DoubleRing(windowReturns);
        this.annualization = Math.sqrt(periodsPerYear);
    }

    public void update(double close) {
        if (!(close > 0) || Double.isInfinite(close)) {
            throw new IllegalArgumentException("close must be a positive finite price: " + close);
        }
        if (!Double.isNaN(previousClose)) {
            double r = Math.log(close / previousClose);
            double evicted = logReturns.push(r);
            if (!Double.isNaN(evicted)) {
                sum.subtract(evicted);
                sumOfSquares.subtract(evicted * evicted);
            }
            sum.add(r);
            sumOfSquares.add(r * r);
        }
        previousClose = close;
    }

    public boolean isReady() {
        return logReturns.isFull();
    }

    /** Annualized realized volatility (0.60 = 60 %); NaN until the window is full. */
    public double value() {
        if (!logReturns.isFull()) {
            return Double.NaN;
        }
        int n = logReturns.capacity();
        double s = sum.value();
        double variance = (sumOfSquares.value() - s * s / n) / (n - 1);
        return Math.sqrt(Math.max(variance, 0.0)) * annualization;
    }

    public void write(DataOutput out) throws IOException {
        logReturns.write(out);
        out.writeDouble(annualization);
        sum.write(out);
        sumOfSquares.write(out);
        out.writeDouble(previousClose);
    }

    public static RealizedVol read(DataInput in) throws IOException {
        RealizedVol r = new RealizedVol(DoubleRing.read(in), in.readDouble());
        r.sum.read(in);
        r.sumOfSquares.read(in);
        r.previousClose = in.readDouble();
        return r;
    }

    private RealizedVol(DoubleRing logReturns, double annualization) {
        this.logReturns = logReturns;
        this.annualization = annualization;
    }
}
