package io.cryptorun.functions.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CrossSectionTest {
    /** 1, 2, 3, 4, 5: mean 3, population stdev √2 ⇒ z = (x − 3)/√2 (a sample stdev would give √2.5). */
    @Test
    void populationStdevByHand() {
        double[] z = CrossSection.zScores(new double[] {1, 2, 3, 4, 5}, 3);
        double s = Math.sqrt(2);
        assertThat(z).containsExactly(new double[] {-2 / s, -1 / s, 0, 1 / s, 2 / s}, within(1e-15));
    }

    /** Nine zeros and one 100: mean 10, stdev 30 ⇒ the outlier's z = 3 exactly at the clamp; with 19 zeros it would be 4.36 → 3. */
    @Test
    void winsorizedAtTheLimit() {
        double[] x = new double[20];
        x[0] = 100;
        double[] z = CrossSection.zScores(x, 3);
        assertThat(z[0]).isEqualTo(3.0);
        assertThat(z[1]).isCloseTo(-5.0 / Math.sqrt(19 * 25.0), within(1e-15)); // mean 5, sd √475
        double[] ten = new double[10];
        ten[0] = 100;
        assertThat(CrossSection.zScores(ten, 3)[0]).isCloseTo(3.0, within(1e-15));
        assertThat(CrossSection.zScores(ten, 2)[0]).isEqualTo(2.0);
    }

    @Test
    void zeroStdevGivesAllZero() {
        assertThat(CrossSection.zScores(new double[] {7, 7, 7}, 3)).containsExactly(0, 0, 0);
        assertThat(CrossSection.zScores(new double[] {7}, 3)).containsExactly(0);
        assertThat(CrossSection.zScores(new double[0], 3)).isEmpty();
    }

    /** NaN/∞ are excluded from mean and stdev and imputed as neutral (z = 0). */
    @Test
    void missingValuesAreNeutralAndExcluded() {
        double[] z = CrossSection.zScores(new double[] {1, Double.NaN, 3, Double.POSITIVE_INFINITY}, 3);
        assertThat(z).containsExactly(-1, 0, 1, 0);
        assertThat(CrossSection.missing(new double[] {1, Double.NaN, Double.NEGATIVE_INFINITY})).isEqualTo(2);
        assertThat(CrossSection.zScores(new double[] {Double.NaN, 5}, 3)).containsExactly(0, 0);
    }

    @Test
    void correlationHelper() {
        assertThat(CrossSection.correlation(new double[] {1, 2, 3}, new double[] {2, 4, 6})).isCloseTo(1, within(1e-15));
        assertThat(CrossSection.correlation(new double[] {1, 2, 3}, new double[] {5, 5, 5})).isEqualTo(0);
    }
}
