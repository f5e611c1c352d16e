package io.cryptorun.functions.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SPEC §7: social is added last, {@code min(10, max(0, social))}; on the cap and one ulp either side. */
class SocialCapTest {
    final CrossSectionScorer scorer = new CrossSectionScorer(ScoringConfig.defaults());

    @Test
    void capIsTenAndSocialNeverLowersAScore() {
        assertThat(scorer.socialContribution(10)).isEqualTo(10);
        assertThat(scorer.socialContribution(Math.nextUp(10.0))).isEqualTo(10);
        assertThat(scorer.socialContribution(Math.nextDown(10.0))).isEqualTo(Math.nextDown(10.0));
        assertThat(scorer.socialContribution(28)).isEqualTo(10);
        assertThat(scorer.socialContribution(0)).isEqualTo(0);
        assertThat(scorer.socialContribution(-Double.MIN_VALUE)).isEqualTo(0);
        assertThat(scorer.socialContribution(-3)).isEqualTo(0);
        assertThat(scorer.socialContribution(Double.NaN)).isEqualTo(0);
    }
}
