package io.cryptorun.functions.regime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BreadthTallyTest {

    @Test
    void countsOnlyMembersWithTheHistory() {
        BreadthTally tally = new BreadthTally();
        tally.observe(105, 100, 104); // above MA, advancing
        tally.observe(95, 100, 96); // below MA, declining
        tally.observe(100, 100, 100); // on the MA and unchanged: neither above nor advancing (strict)
        tally.observe(50, Double.NaN, 49); // no MA yet: advancing only
        tally.observe(70, 60, Double.NaN); // first 4h bar: above MA only
        // breadth = 2 above / 4 with MA; advancing = 2 / 4 with a previous close
        assertThat(tally.breadth()).isEqualTo(0.5);
        assertThat(tally.advancingFraction()).isEqualTo(0.5);
        tally.reset();
        assertThat(tally.breadth()).isNaN();
        assertThat(tally.advancingFraction()).isNaN();
    }
}
