package io.cryptorun.functions.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GramSchmidtTest {
    /** Four correlated, winsorized cross-section factors like a real tick: technical and volume load on momentum. */
    static double[][] correlatedFactors(Random rnd, int n) {
        double[] m = new double[n], t = new double[n], v = new double[n], q = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = rnd.nextGaussian();
            t[i] = 0.7 * m[i] + 0.5 * rnd.nextGaussian();
            v[i] = 0.4 * m[i] + 0.4 * t[i] + 0.6 * rnd.nextGaussian();
            q[i] = -0.3 * m[i] + 0.2 * v[i] + rnd.nextGaussian();
        }
        return new double[][] {CrossSection.zScores(m, 3), CrossSection.zScores(t, 3), CrossSection.zScores(v, 3),
                CrossSection.zScores(q, 3)};
    }

    @Test
    void residualsAreUncorrelatedWithMomentumAndEachOther() {
        Random rnd = new Random(20240901L);
        for (int trial = 0; trial < 200; trial++) {
            int n = 5 + rnd.nextInt(200);
            double[][] z = correlatedFactors(rnd, n);
            double[][] r = GramSchmidt.residualize(z);
            for (int a = 0; a < 4; a++) {
                for (int b = a + 1; b < 4; b++) {
                    assertThat(Math.abs(CrossSection.correlation(r[a], r[b]))).as("n=%d corr(%d,%d)", n, a, b)
                            .isLessThan(1e-9);
                }
            }
            for (int k = 1; k < 4; k++) {
                assertThat(CrossSection.mean(r[k])).isCloseTo(0, within(1e-12));
                assertThat(CrossSection.populationStdev(r[k])).isCloseTo(1, within(1e-12));
            }
        }
    }

    @Test
    void momentumCoreIsNeverModified() {
        double[][] z = correlatedFactors(new Random(7), 40);
        double[] before = z[0].clone();
        double[][] r = GramSchmidt.residualize(z);
        assertThat(r[0]).containsExactly(before);
        assertThat(z[0]).containsExactly(before); // input untouched as well
    }

    /** Volume ⟂ {Momentum, Technical} is not the same as Technical ⟂ {Momentum, Volume}: the order is part of the model. */
    @Test
    void orderMatters() {
        double[][] z = correlatedFactors(new Random(11), 30);
        double[][] specOrder = GramSchmidt.orthogonalize(new double[][] {z[0], z[1], z[2], z[3]});
        double[][] swapped = GramSchmidt.orthogonalize(new double[][] {z[0], z[2], z[1], z[3]});
        // technical residual: SPEC order removes only momentum; swapped order also removes volume
        double maxDiff = 0;
        for (int i = 0; i < 30; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(specOrder[1][i] - swapped[2][i]));
        }
        assertThat(maxDiff).isGreaterThan(0.1);
        // the last one sees the same span either way
        assertThat(specOrder[3]).containsExactly(swapped[3], within(1e-9));
    }

    /** Hand example, n = 4: m = (1, −1, 1, −1), t = (2, 0, 1, 1) ⇒ t − mean = (1, −1, 0, 0); projection on m is 0.5·m ⇒ residual (.5, −.5, −.5, .5), stdev .5 ⇒ (1, −1, −1, 1). */
    @Test
    void byHand() {
        double[][] r = GramSchmidt.orthogonalize(new double[][] {{1, -1, 1, -1}, {2, 0, 1, 1}});
        assertThat(r[1]).containsExactly(new double[] {1, -1, -1, 1}, within(1e-15));
    }

    @Test
    void collinearFactorBecomesZeroAndIsSkippedAsBasis() {
        double[] m = {1, 2, 3, 4, 5, 6};
        double[] t = {2, 4, 6, 8, 10, 12};
        double[] v = {1, 0, 1, 0, 1, 0};
        double[][] r = GramSchmidt.orthogonalize(new double[][] {m, t, v});
        assertThat(r[1]).containsOnly(0.0);
        assertThat(Math.abs(CrossSection.correlation(r[2], m))).isLessThan(1e-12);
        assertThat(CrossSection.populationStdev(r[2])).isCloseTo(1, within(1e-12));
    }
}
