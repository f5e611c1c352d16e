package io.cryptorun.functions.scoring;

/**
 * The standard normal CDF Φ and the complementary error function, deterministic and accurate to
 * double precision.
 *
 * <p>erfc is W. J. Cody's rational Chebyshev approximation ("Rational Chebyshev approximations
 * for the error function", Math. Comp. 23 (1969) 631–637; the netlib SPECFUN {@code CALERF}
 * coefficients). Cody reports maximal relative errors below 6e-19 (|x| ≤ 0.5), 7e-19
 * (0.46875 ≤ x ≤ 4) and 3e-18 (x > 4) for the rational functions themselves, so in IEEE double
 * the result is within a few ulps. We prefer it over Abramowitz–Stegun 7.1.26 (|ε| ≤ 1.5e-7)
 * because the score is compared against thresholds and must not wobble at the 7th digit.
 *
 * <p>Φ(x) = ½·erfc(−x/√2) is evaluated through erfc for every x so that the lower tail keeps
 * its relative accuracy (1 − Φ(|x|) would cancel). Measured against 50-digit mpmath
 * ({@code NormalCdfTest}): relative error ≤ 1e-14 for |x| ≤ 5, growing like x²·2⁻⁵³ beyond (the
 * rounding of x/√2 is amplified by exp(−x²/2); inherent to a double argument), Φ = 0 below ≈ −37.5. The only transcendental call is
 * {@code StrictMath.exp} (fdlibm), not {@code Math.exp}, so the result is bit-identical on every JVM
 * and replays reproduce scores byte for byte.
 */
public final class NormalCdf {
    private static final double SQRT_HALF = 0.70710678118654752440;
    private static final double ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;
    /** Beyond this erfc underflows to 0 in double (Cody's XBIG). */
    private static final double ERFC_BIG = 26.543;

    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
            3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
            2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
            2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
            1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
            1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
            1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
            1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
            6.05183413124413191e-2, 2.33520497626869185e-3};

    private NormalCdf() {}

    /** Φ(x); NaN for NaN, 0 and 1 at the infinities. */
    public static double phi(double x) {
        return 0.5 * erfc(-x * SQRT_HALF);
    }

    /** erfc(x) = 1 − erf(x). */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double y = Math.abs(x);
        if (y <= 0.46875) {
            return 1.0 - erfSmall(x, y);
        }
        double r = y <= 4.0 ? erfcMiddle(y) : erfcLarge(y);
        return x < 0 ? 2.0 - r : r;
    }

    /** erf(x) = 1 − erfc(x), accurate near 0 as well. */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double y = Math.abs(x);
        if (y <= 0.46875) {
            return erfSmall(x, y);
        }
        double r = 1.0 - (y <= 4.0 ? erfcMiddle(y) : erfcLarge(y));
        return x < 0 ? -r : r;
    }

    private static double erfSmall(double x, double y) {
        double ysq = y > 1.11e-16 ? y * y : 0.0;
        double num = A[4] * ysq;
        double den = ysq;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * ysq;
            den = (den + B[i]) * ysq;
        }
        return x * (num + A[3]) / (den + B[3]);
    }

    private static double erfcMiddle(double y) {
        double num = C[8] * y;
        double den = y;
        for (int i = 0; i < 7; i++) {
            num = (num + C[i]) * y;
            den = (den + D[i]) * y;
        }
        return expMinusSquare(y) * (num + C[7]) / (den + D[7]);
    }

    private static double erfcLarge(double y) {
        if (y >= ERFC_BIG) {
            return 0.0;
        }
        double ysq = 1.0 / (y * y);
        double num = P[5] * ysq;
        double den = ysq;
        for (int i = 0; i < 4; i++) {
            num = (num + P[i]) * ysq;
            den = (den + Q[i]) * ysq;
        }
        double r = ysq * (num + P[4]) / (den + Q[4]);
        return expMinusSquare(y) * (ONE_OVER_SQRT_PI - r) / y;
    }

    /** exp(−y²) with y² split as in CALERF (y rounded down to 1/16 plus a small exact remainder) to keep accuracy. */
    private static double expMinusSquare(double y) {
        double ysq = Math.floor(16.0 * y) / 16.0;
        double del = (y - ysq) * (y + ysq);
        return StrictMath.exp(-ysq * ysq) * StrictMath.exp(-del);
    }
}
