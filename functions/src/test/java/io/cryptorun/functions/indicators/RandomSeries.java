package io.cryptorun.functions.indicators;

import java.util.Random;

/**
 * Seeded random OHLCV series for the property tests. Deliberately unkind: price levels from
 * 1e−4 to 1e5, volatility switching between calm and wild, runs of identical closes, flat bars
 * (high = low), zero-volume bars and volume spikes.
 */
public final class RandomSeries {
    public final double[] high;
    public final double[] low;
    public final double[] close;
    public final double[] volume;

    private RandomSeries(int n) {
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
    }

    public static RandomSeries generate(Random rnd, int n) {
        RandomSeries s = new RandomSeries(n);
        double price = Math.pow(10, -4 + 9 * rnd.nextDouble());
        double vol = 0.001 + 0.05 * rnd.nextDouble();
        double baseVolume = Math.pow(10, 6 * rnd.nextDouble());
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(50) == 0) {
                vol = 0.001 + 0.05 * rnd.nextDouble();
            }
            double open = price;
            boolean frozen = rnd.nextInt(10) == 0;
            if (!frozen) {
                price = price * Math.exp(vol * rnd.nextGaussian());
            }
            double hi = Math.max(open, price) * (frozen ? 1 : 1 + vol * rnd.nextDouble());
            double lo = Math.min(open, price) * (frozen ? 1 : 1 - vol * rnd.nextDouble() * 0.9);
            s.close[i] = price;
            s.high[i] = hi;
            s.low[i] = Math.min(lo, hi);
            int kind = rnd.nextInt(20);
            s.volume[i] = kind == 0 ? 0 : baseVolume * (kind == 1 ? 50 : 1) * rnd.nextDouble();
        }
        return s;
    }
}
