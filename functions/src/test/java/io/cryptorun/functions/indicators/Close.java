package io.cryptorun.functions.indicators;

import static org.assertj.core.api.Assertions.assertThat;

/** The property tests' tolerance: 1e−9 relative; both-NaN agrees; an exact 0 must be met within 1e−12. */
public final class Close {
    public static final double RELATIVE = 1e-9;

    private Close() {}

    public static void assertClose(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what + " should be undefined").isNaN();
            return;
        }
        double tolerance = expected == 0 ? 1e-12 : RELATIVE * Math.abs(expected);
        assertThat(actual).as(what).isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
    }
}
