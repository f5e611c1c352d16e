package io.cryptorun.functions.indicators;

/**
 * Brute-force indicator definitions for the property tests: each recomputes its value at index
 * {@code t} from the whole history {@code [0, t]} with plain loops and the textbook formula,
 * sharing no code with the running implementations.
 */
public final class Reference {
    private Reference() {}

    public static double simpleReturn(double[] close, int t, int h) {
        return t < h ? Double.NaN : close[t] / close[t - h] - 1.0;
    }

    public static double sma(double[] x, int t, int n) {
        if (t + 1 < n) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = t - n + 1; i <= t; i++) {
            s += x[i];
        }
        return s / n;
    }

    /** Wilder average of {@code x[from..to]}: SMA of the first n, then (prev·(n−1)+x)/n. */
    static double wilder(double[] x, int from, int to, int n) {
        if (to - from + 1 < n) {
            return Double.NaN;
        }
        double seed = 0;
        for (int i = from; i < from + n; i++) {
            seed += x[i];
        }
        double avg = seed / n;
        for (int i = from + n; i <= to; i++) {
            avg = (avg * (n - 1) + x[i]) / n;
        }
        return avg;
    }

    public static double ema(double[] x, int t, int n) {
        if (t + 1 < n) {
            return Double.NaN;
        }
        double seed = 0;
        for (int i = 0; i < n; i++) {
            seed += x[i];
        }
        double e = seed / n;
        double alpha = 2.0 / (n + 1);
        for (int i = n; i <= t; i++) {
            e = alpha * x[i] + (1 - alpha) * e;
        }
        return e;
    }

    public static double rsi(double[] close, int t, int n) {
        double[] gain = new double[t + 1];
        double[] loss = new double[t + 1];
        for (int i = 1; i <= t; i++) {
            gain[i] = Math.max(close[i] - close[i - 1], 0);
            loss[i] = Math.max(close[i - 1] - close[i], 0);
        }
        double ag = wilder(gain, 1, t, n);
        double al = wilder(loss, 1, t, n);
        if (Double.isNaN(ag)) {
            return Double.NaN;
        }
        if (al == 0) {
            return ag == 0 ? 50.0 : 100.0;
        }
        return 100.0 - 100.0 / (1.0 + ag / al);
    }

    static double[] trueRanges(double[] high, double[] low, double[] close, int t) {
        double[] tr = new double[t + 1];
        for (int i = 1; i <= t; i++) {
            double a = high[i] - low[i];
            double b = Math.abs(high[i] - close[i - 1]);
            double c = Math.abs(low[i] - close[i - 1]);
            tr[i] = Math.max(a, Math.max(b, c));
        }
        return tr;
    }

    public static double atr(double[] high, double[] low, double[] close, int t, int n) {
        return wilder(trueRanges(high, low, close, t), 1, t, n);
    }

    /** {plusDI, minusDI, DX, ADX} at t. */
    public static double[] adx(double[] high, double[] low, double[] close, int t, int n) {
        double[] tr = trueRanges(high, low, close, t);
        double[] pdm = new double[t + 1];
        double[] mdm = new double[t + 1];
        for (int i = 1; i <= t; i++) {
            double up = high[i] - high[i - 1];
            double down = low[i - 1] - low[i];
            pdm[i] = up > down && up > 0 ? up : 0;
            mdm[i] = down > up && down > 0 ? down : 0;
        }
        double[] dx = new double[t + 1];
        double plusDi = Double.NaN;
        double minusDi = Double.NaN;
        if (t >= n) {
            // the three Wilder averages, replayed from bar 1 on every call (no state kept between calls)
            double trAvg = 0;
            double pAvg = 0;
            double mAvg = 0;
            for (int i = 1; i <= n; i++) {
                trAvg += tr[i];
                pAvg += pdm[i];
                mAvg += mdm[i];
            }
            trAvg /= n;
            pAvg /= n;
            mAvg /= n;
            for (int k = n; k <= t; k++) {
                if (k > n) {
                    trAvg = (trAvg * (n - 1) + tr[k]) / n;
                    pAvg = (pAvg * (n - 1) + pdm[k]) / n;
                    mAvg = (mAvg * (n - 1) + mdm[k]) / n;
                }
                plusDi = trAvg == 0 ? 0 : 100 * pAvg / trAvg;
                minusDi = trAvg == 0 ? 0 : 100 * mAvg / trAvg;
                dx[k] = plusDi + minusDi == 0 ? 0 : 100 * Math.abs(plusDi - minusDi) / (plusDi + minusDi);
            }
        }
        double adx = wilder(dx, n, t, n);
        return new double[] {plusDi, minusDi, t >= n ? dx[t] : Double.NaN, adx};
    }

    /** {@code vwr(n) / vwr(m)} with windows clipped to the history, NaN below {@code minBars}. */
    public static double vadr(double[] h, double[] l, double[] c, double[] v, int t, int s, int m, int minBars) {
        if (t + 1 < minBars) {
            return Double.NaN;
        }
        double shortVwr = vwr(h, l, c, v, t, Math.min(s, t + 1));
        double longVwr = vwr(h, l, c, v, t, Math.min(m, t + 1));
        if (Double.isNaN(shortVwr) || Double.isNaN(longVwr) || longVwr == 0) {
            return Double.NaN;
        }
        return shortVwr / longVwr;
    }

    static double vwr(double[] h, double[] l, double[] c, double[] v, int t, int n) {
        double num = 0;
        double den = 0;
        for (int i = t - n + 1; i <= t; i++) {
            num += (h[i] - l[i]) / c[i] * v[i];
            den += v[i];
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** Sample stdev of the last {@code n} log returns at t, times sqrt(periodsPerYear); two-pass. */
    public static double realizedVol(double[] close, int t, int n, double periodsPerYear) {
        if (t < n) {
            return Double.NaN;
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            int k = t - n + 1 + i;
            r[i] = Math.log(close[k] / close[k - 1]);
        }
        double mean = 0;
        for (double x : r) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (double x : r) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (n - 1)) * Math.sqrt(periodsPerYear);
    }
}
