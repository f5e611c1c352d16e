package io.cryptorun.functions.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalCdfTest {
    @Test
    void knownValuesFromTheBrief() {
        assertThat(NormalCdf.phi(0)).isEqualTo(0.5);
        assertThat(NormalCdf.phi(1)).isCloseTo(0.8413447460685429, org.assertj.core.data.Offset.offset(2e-16));
        assertThat(NormalCdf.phi(-1.96)).isCloseTo(0.024997895148220435, org.assertj.core.data.Offset.offset(1e-17));
        assertThat(NormalCdf.phi(3)).isCloseTo(0.9986501019683699, org.assertj.core.data.Offset.offset(2e-16));
    }

    /**
     * Reference values from mpmath at 50 digits ({@code mpmath.ncdf}). Relative error ≤ 1e-14, or ≤ 4e-16·x² in the far
     * tails: rounding x/√2 to double moves exp(−x²/2) by a relative 2·(x²/2)·2⁻⁵³, the conditioning of Φ itself.
     */
    @Test
    void matchesHighPrecisionReferenceAcrossTheRange() {
        double[][] ref = {
            {-37.0, 5.7255712225245768227e-300},
            {-10.0, 7.619853024160526066e-24},
            {-8.5, 9.4795348222033183542e-18},
            {-6.0, 9.865876450376981407e-10},
            {-5.0, 2.8665157187919391167e-7},
            {-4.2, 0.000013345749015906327883},
            {-3.0, 0.0013498980316300945267},
            {-2.5, 0.006209665325776135167},
            {-1.96, 0.024997895148220436213},
            {-1.0, 0.15865525393145705141},
            {-0.7, 0.24196365222307302862},
            {-0.3, 0.38208857781104736693},
            {-1e-08, 0.49999999601057719599},
            {0.0, 0.5},
            {0.2, 0.57925970943910302738},
            {0.6, 0.72574688224992641231},
            {1.0, 0.84134474606854294859},
            {1.5, 0.933192798731141934},
            {2.0, 0.9772498680518207928},
            {2.83, 0.99767259979326844602},
            {3.0, 0.99865010196836990547},
            {4.0, 0.99996832875816688008},
            {5.5, 0.99999998101043753411},
            {7.0, 0.99999999999872018746},
            {8.3, 0.99999999999999994794},
        };
        for (double[] r : ref) {
            double got = NormalCdf.phi(r[0]);
            double rel = Math.max(1e-14, 4e-16 * r[0] * r[0]);
            assertThat(Math.abs(got - r[1])).as("Φ(%s)", r[0]).isLessThanOrEqualTo(rel * r[1] + Double.MIN_VALUE);
        }
    }

    @Test
    void erfcMatchesReferenceInAllThreeIntervals() {
        double[][] ref = {
            {-3.0, 1.9999779095030014146},
            {-0.5, 1.5204998778130465377},
            {-0.3, 1.3286267594591274162},
            {0.1, 0.8875370839817151016},
            {0.46875, 0.50738652678206200841},
            {0.5, 0.47950012218695346232},
            {1.0, 0.15729920705028513066},
            {2.0, 0.0046777349810472658379},
            {3.9, 3.4792248597231767129e-8},
            {4.1, 6.7000276540849184417e-9},
            {6.0, 2.1519736712498913117e-17},
            {10.0, 2.088487583762544757e-45},
            {26.0, 5.6631924088561428465e-296},
        };
        for (double[] r : ref) {
            double got = NormalCdf.erfc(r[0]);
            assertThat(Math.abs(got - r[1])).as("erfc(%s)", r[0]).isLessThanOrEqualTo(1e-14 * r[1] + Double.MIN_VALUE);
        }
    }

    @Test
    void symmetricMonotoneAndBounded() {
        double prev = 0;
        for (double x = -40; x <= 40; x += 0.01) {
            double p = NormalCdf.phi(x);
            assertThat(p).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(prev);
            assertThat(p + NormalCdf.phi(-x)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(4e-16));
            prev = p;
        }
        assertThat(NormalCdf.phi(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(NormalCdf.phi(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(NormalCdf.phi(Double.NaN)).isNaN();
        // Cody's XBIG: erfc(x) = 0 for x ≥ 26.543, i.e. Φ = 0 below about −37.54 (true value < 3e-302, subnormal territory)
        assertThat(NormalCdf.phi(-38)).isZero();
        assertThat(NormalCdf.erf(0.3) + NormalCdf.erfc(0.3)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-16));
    }
}
